namespace Pipeline.Core.Partners;

/// <summary>The partner registry, kept in the <c>partners</c> table.</summary>
public sealed class PartnerRegistry(ITableStore tables)
{
    public const string Table = "partners";
    private const string PartitionKey = "partner";
    private const string EntraGroupProperty = "entraGroup";
    private const string UsersProperty = "users";

    public async Task<Partner?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var row = await tables.GetAsync(Table, PartitionKey, id, cancellationToken);
        return row is null ? null : FromRow(row);
    }

    public async Task<IReadOnlyList<Partner>> ListAsync(CancellationToken cancellationToken)
    {
        var partners = new List<Partner>();
        await foreach (var row in tables.QueryAsync(Table, PartitionKey, cancellationToken))
        {
            partners.Add(FromRow(row));
        }
        return partners.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
    }

    public Task SaveAsync(Partner partner, CancellationToken cancellationToken)
    {
        if (!PartnerIds.IsValid(partner.Id))
        {
            throw new ArgumentException($"'{partner.Id}' is not a partner id: use 2 to 40 of a-z, 0-9 and '-'.", nameof(partner));
        }
        if (!PartnerIds.Sectors.Contains(partner.Sector))
        {
            throw new ArgumentException($"'{partner.Sector}' is not a sector: use one of {string.Join(", ", PartnerIds.Sectors)}.", nameof(partner));
        }
        var values = new Dictionary<string, string?>
        {
            ["name"] = partner.Name,
            ["sector"] = partner.Sector,
            ["active"] = partner.Active ? "true" : "false",
            [EntraGroupProperty] = partner.EntraGroup,
            [UsersProperty] = PartnerUsers.Format(partner.Users),
        };
        return tables.UpsertAsync(Table, new TableRow(PartitionKey, partner.Id, values), cancellationToken);
    }

    /// <summary>
    /// Every partner whose users include a person with these ids or sign-in names, or who is in
    /// one of these groups. More than one is a registry mistake the caller must refuse.
    /// </summary>
    public async Task<IReadOnlyList<Partner>> PartnersOfAsync(IReadOnlyCollection<string> userIds, IReadOnlyCollection<string> groups, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Where(partner => partner.HasMember(userIds, groups)).ToList();

    // Rows written before partner membership existed have neither property: no users.
    private static Partner FromRow(TableRow row) =>
        new(row.RowKey, row["name"] ?? row.RowKey, row["sector"] ?? "", bool.Parse(row["active"] ?? "false"))
        {
            EntraGroup = string.IsNullOrWhiteSpace(row[EntraGroupProperty]) ? null : row[EntraGroupProperty],
            Users = PartnerUsers.Parse(row[UsersProperty]),
        };
}
