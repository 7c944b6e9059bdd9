namespace Pipeline.Synthetic;

/// <summary>
/// A made-up partner and the habits of its monthly returns, fixed for the whole run
/// (a real partner's HR system spells its job titles the same way every month).
/// </summary>
internal sealed record SyntheticPartner(
    int Index,
    string Id,
    string Name,
    string Sector,
    IReadOnlyList<RoleHeadcount> Roles,
    IReadOnlyList<string> Sites,
    IReadOnlyDictionary<string, string> RoleTitles,
    string LeaverIdPrefix,
    int LeaverIdDigits,
    double Size,
    bool ReportsAdverts,
    bool ReportsAgency,
    bool ReportsEstablishment,
    bool RoundsEstablishment)
{
    public bool HasSites => Sites.Count > 0;
}

/// <summary>A role a partner employs and its typical headcount across the whole organisation.</summary>
internal sealed record RoleHeadcount(string Role, int Headcount);
