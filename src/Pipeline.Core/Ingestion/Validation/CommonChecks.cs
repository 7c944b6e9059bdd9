using Pipeline.Core.Reference;

namespace Pipeline.Core.Ingestion.Validation;

/// <summary>Checks both datasets make the same way.</summary>
public static class CommonChecks
{
    /// <summary>A role code, name or job-title alias; an unknown role is an error with a suggestion.</summary>
    public static TaxonomyEntry? Role(RowReader row)
    {
        var text = row.RequiredText("role");
        if (text is null)
        {
            return null;
        }
        if (ReferenceData.Roles.Find(text) is { } role)
        {
            return role;
        }
        var suggestion = ReferenceData.Roles.Suggest(text);
        row.Error("role", text, Rules.ConstraintError, $"'{text}' is not a role the partnership's role list knows.",
            suggestion is not null
                ? $"Did you mean {suggestion}?"
                : "Use a role code such as registered_nurse or care_worker, or a common job title (see docs/reference-data.md).");
        return null;
    }

    /// <summary>The optional partner column must name the partner whose folder the file was uploaded to.</summary>
    public static void PartnerMatches(RowReader row, string partner)
    {
        var named = row.Text("partner");
        if (named is not null && !string.Equals(named, partner, StringComparison.OrdinalIgnoreCase))
        {
            row.Error("partner", named, Rules.WrongPartner,
                $"This row is for partner '{named}', but the file was uploaded to the folder of '{partner}'. A partner may upload only its own data.",
                $"Remove rows of other partners, or write '{partner}' in this column.");
        }
    }
}
