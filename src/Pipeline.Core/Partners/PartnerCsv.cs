using nietras.SeparatedValues;

namespace Pipeline.Core.Partners;

/// <summary>Reads a partner list with the columns <c>id,name,sector,active</c>.</summary>
public static class PartnerCsv
{
    public static IReadOnlyList<Partner> Read(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromFile(path);
        var partners = new List<Partner>();
        foreach (var row in reader)
        {
            var active = row["active"].ToString().Trim().ToLowerInvariant() is "true" or "yes" or "y" or "1";
            partners.Add(new Partner(row["id"].ToString(), row["name"].ToString(), row["sector"].ToString(), active));
        }
        return partners;
    }
}
