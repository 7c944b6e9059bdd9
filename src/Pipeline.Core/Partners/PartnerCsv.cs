using nietras.SeparatedValues;

namespace Pipeline.Core.Partners;

/// <summary>
/// Reads a partner list with the columns <c>id,name,sector,active</c> and, optionally,
/// <c>entra_group</c> (the object id of the partner's Entra ID group) and <c>users</c>
/// (object ids or sign-in names separated by <c>;</c>). Files without them still read.
/// </summary>
public static class PartnerCsv
{
    public const string EntraGroupColumn = "entra_group";
    public const string UsersColumn = "users";

    public static IReadOnlyList<Partner> Read(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromFile(path);
        var hasGroup = reader.Header.TryIndexOf(EntraGroupColumn, out var groupIndex);
        var hasUsers = reader.Header.TryIndexOf(UsersColumn, out var usersIndex);
        var partners = new List<Partner>();
        foreach (var row in reader)
        {
            var active = row["active"].ToString().Trim().ToLowerInvariant() is "true" or "yes" or "y" or "1";
            var group = hasGroup ? row[groupIndex].ToString().Trim() : "";
            partners.Add(new Partner(row["id"].ToString(), row["name"].ToString(), row["sector"].ToString(), active)
            {
                EntraGroup = group.Length == 0 ? null : group,
                Users = hasUsers ? PartnerUsers.Parse(row[usersIndex].ToString()) : [],
            });
        }
        return partners;
    }
}
