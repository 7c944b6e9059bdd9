using System.Text.RegularExpressions;

namespace Pipeline.Core.Partners;

/// <summary>A member organisation of the partnership (SPEC "Partner ids", "Sectors").</summary>
public sealed record Partner(string Id, string Name, string Sector, bool Active)
{
    /// <summary>Object id of the Entra ID group whose members are this partner's users; null for none.</summary>
    public string? EntraGroup { get; init; }

    /// <summary>
    /// Users of this partner named one by one: Entra ID object ids or sign-in names
    /// (user principal names), matched case-insensitively. Empty for none.
    /// </summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>Whether a signed-in person with these ids, names and groups is one of this partner's users.</summary>
    public bool HasMember(IEnumerable<string> userIds, IEnumerable<string> groups) =>
        (EntraGroup is not null && groups.Contains(EntraGroup, StringComparer.OrdinalIgnoreCase))
        || userIds.Any(id => Users.Contains(id, StringComparer.OrdinalIgnoreCase));
}

public static partial class PartnerIds
{
    public static readonly IReadOnlyList<string> Sectors =
        ["nhs_trust", "local_authority", "care_provider", "primary_care", "voluntary", "education"];

    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>What a caller is told when <paramref name="id"/> is not <see cref="IsValid"/>.</summary>
    public static string NotAnId(string id) => $"'{id}' is not a partner id: ids are 2 to 40 characters of a-z, 0-9 and '-'.";

    [GeneratedRegex("^[a-z0-9-]{2,40}$")]
    private static partial Regex IdPattern();
}

/// <summary>How a partner's user list is written in one text cell (CSV column, table property).</summary>
public static class PartnerUsers
{
    public const char Separator = ';';

    public static IReadOnlyList<string> Parse(string? text) =>
        (text ?? "").Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string? Format(IReadOnlyList<string> users) => users.Count == 0 ? null : string.Join(Separator, users);
}
