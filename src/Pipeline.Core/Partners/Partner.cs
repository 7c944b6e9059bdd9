using System.Text.RegularExpressions;

namespace Pipeline.Core.Partners;

/// <summary>A member organisation of the partnership (SPEC "Partner ids", "Sectors").</summary>
public sealed record Partner(string Id, string Name, string Sector, bool Active);

public static partial class PartnerIds
{
    public static readonly IReadOnlyList<string> Sectors =
        ["nhs_trust", "local_authority", "care_provider", "primary_care", "voluntary", "education"];

    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9-]{2,40}$")]
    private static partial Regex IdPattern();
}
