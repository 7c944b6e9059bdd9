namespace Pipeline.Core.Feeds;

/// <summary>Writes a feed's rows to <see cref="LakePaths.CuratedFeedPart"/>, one file per month. Public to be injected; its members are the feeds' own.</summary>
public sealed class CuratedFeedWriter(IObjectStore objects)
{
    public sealed record Written(int RowsNew, int RowsWritten, IReadOnlyList<string> Periods);

    internal async Task<Written> WriteAsync<T>(string feed, FeedKind<T> kind, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class, new()
    {
        int rowsNew = 0, rowsWritten = 0;
        var periods = new List<string>();
        foreach (var month in rows.GroupBy(kind.PeriodOf).OrderBy(group => group.Key))
        {
            var path = LakePaths.CuratedFeedPart(kind.Dataset, month.Key.ToString(), feed);
            var existing = await ReadAsync<T>(path, cancellationToken);
            var existingKeys = existing.Select(kind.KeyOf).ToHashSet(StringComparer.Ordinal);
            var incoming = month.DistinctBy(kind.KeyOf, StringComparer.Ordinal).ToList();
            rowsNew += incoming.Count(row => !existingKeys.Contains(kind.KeyOf(row)));

            var incomingKeys = incoming.Select(kind.KeyOf).ToHashSet(StringComparer.Ordinal);
            var kept = kind.MergeWithExisting ? existing.Where(row => !incomingKeys.Contains(kind.KeyOf(row))) : [];
            var file = kept.Concat(incoming).OrderBy(kind.KeyOf, StringComparer.Ordinal).ToList();
            await WriteFileAsync(path, file, cancellationToken);
            rowsWritten += file.Count;
            periods.Add(month.Key.ToString());
        }
        return new Written(rowsNew, rowsWritten, periods);
    }

    private async Task<List<T>> ReadAsync<T>(string path, CancellationToken cancellationToken) where T : class, new()
    {
        var rows = new List<T>();
        if (await objects.GetInfoAsync(path, cancellationToken) is null)
        {
            return rows;
        }
        await using var stored = await objects.OpenReadAsync(path, cancellationToken);
        await using var local = await TempFile.CopyAsync(stored, long.MaxValue, cancellationToken);
        await foreach (var row in ParquetFiles.ReadAsync<T>(local.Stream, cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Parquet wants a seekable stream: the file is made locally, then stored in one write.</summary>
    private async Task WriteFileAsync<T>(string path, List<T> rows, CancellationToken cancellationToken) where T : class, new()
    {
        await using var local = TempFile.Create();
        for (var start = 0; start < rows.Count; start += ParquetFiles.RowGroupSize)
        {
            var group = rows.GetRange(start, Math.Min(ParquetFiles.RowGroupSize, rows.Count - start));
            await ParquetFiles.WriteRowGroupAsync(group, local.Stream, append: start > 0, cancellationToken);
        }
        local.Stream.Position = 0;
        await objects.WriteAsync(path, local.Stream, cancellationToken);
    }
}
