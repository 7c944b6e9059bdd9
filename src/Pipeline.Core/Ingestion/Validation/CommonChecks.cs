namespace Pipeline.Core.Ingestion.Validation;

/// <summary>Checks both datasets make the same way.</summary>
public static class CommonChecks
{
    /// <summary>
    /// A role code, name, job-title alias or partnership mapping; an unknown role is an error
    /// with a suggestion, and the partner is told a mapping can make it known.
    /// </summary>
    public static TaxonomyEntry? Role(RowReader row, KnownTexts roles)
    {
        var cell = row.RequiredCell("role");
        if (cell.IsEmpty)
        {
            return null;
        }
        if (roles.Resolve(row, cell, out var unknown) is { } role)
        {
            return role;
        }
        var text = unknown!;
        var suggestion = Vocabulary.Suggest(VocabularyKinds.Role, text);
        row.Error("role", text, Rules.ConstraintError,
            $"'{text}' is not a role the partnership's role list knows. {CoordinatorCanMap} The coordinator can then process this file again: you need not send it again.",
            suggestion is not null
                ? $"Did you mean {suggestion}?"
                : "Use a role code such as registered_nurse or care_worker, or a common job title (see docs/reference-data.md).");
        return null;
    }

    /// <summary>What a partner can do about a text the lists do not know, said in every such issue.</summary>
    public const string CoordinatorCanMap =
        "If it is your organisation's own wording, the partnership coordinator can add a mapping for it.";

    /// <summary>The optional partner column must name the partner whose folder the file was uploaded to.</summary>
    public static void PartnerMatches(RowReader row, string partner)
    {
        var cell = row.Cell("partner");
        if (!cell.IsEmpty && !cell.Equals(partner, StringComparison.OrdinalIgnoreCase))
        {
            var named = cell.ToString();
            row.Error("partner", named, Rules.WrongPartner,
                $"This row is for partner '{named}', but the file was uploaded to the folder of '{partner}'. A partner may upload only its own data.",
                $"Remove rows of other partners, or write '{partner}' in this column.");
        }
    }
}
