namespace Pipeline.Core.Mappings;

/// <summary>One upload's count of one text nothing knew.</summary>
public sealed record UnmappedSighting(string Partner, string Dataset, string Sha256, string Kind, string Text, int Rows, DateTimeOffset UploadedAt);

/// <summary>
/// The texts no alias or mapping knew, per upload (<c>unmapped</c> table, one partition per
/// partner): written each time an upload is processed, replacing what an earlier processing of
/// the same upload wrote, so reprocessing never counts a row twice.
/// </summary>
public sealed class UnmappedLog(ITableStore tables)
{
    public const string Table = "unmapped";

    public async Task RecordAsync(IngestionRecord upload, IReadOnlyCollection<UnmappedText> texts, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Safe(upload.Partner);
        var uploadPrefix = $"{TableKeys.Safe(upload.Dataset)}|{upload.Sha256}|";
        var earlier = new List<string>();
        await foreach (var row in tables.QueryAsync(Table, partition, cancellationToken))
        {
            if (row.RowKey.StartsWith(uploadPrefix, StringComparison.Ordinal))
            {
                earlier.Add(row.RowKey);
            }
        }
        foreach (var rowKey in earlier)
        {
            await tables.DeleteAsync(Table, partition, rowKey, cancellationToken);
        }
        var rows = texts.Select(text => new TableRow(partition, uploadPrefix + TableKeys.Safe($"{text.Kind}|{Taxonomy.Key(text.Text)}"), new Dictionary<string, string?>
        {
            ["partner"] = upload.Partner,
            ["dataset"] = upload.Dataset,
            ["sha256"] = upload.Sha256,
            ["kind"] = text.Kind,
            ["text"] = text.Text,
            ["rows"] = text.Rows.ToString(CultureInfo.InvariantCulture),
            ["uploaded_at"] = upload.UploadedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        })).ToList();
        if (rows.Count > 0)
        {
            await tables.UpsertPartitionAsync(Table, partition, rows, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<UnmappedSighting>> ListAsync(string? partner, CancellationToken cancellationToken)
    {
        var sightings = new List<UnmappedSighting>();
        await foreach (var row in tables.QueryAsync(Table, partner is null ? null : TableKeys.Safe(partner), cancellationToken))
        {
            sightings.Add(new UnmappedSighting(
                row["partner"] ?? row.PartitionKey, row["dataset"] ?? "", row["sha256"] ?? "", row["kind"] ?? "", row["text"] ?? "",
                int.Parse(row["rows"] ?? "0", CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(row["uploaded_at"]!, CultureInfo.InvariantCulture)));
        }
        return sightings;
    }
}
