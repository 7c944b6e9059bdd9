using System.Runtime.CompilerServices;
using Parquet;

namespace Pipeline.Core.Indicators;

/// <summary>One Hive partition of a partner dataset: <c>curated/{dataset}/period=.../partner=.../</c> and its part files.</summary>
public sealed record CuratedPartition(string Dataset, Period Period, string Partner, IReadOnlyList<string> Parts);

/// <summary>
/// Reads the curated lake for the indicators: partitions from the folder names, the columns
/// asked for one row group at a time. Period and partner come from the partition folders, never from columns.
/// </summary>
public sealed class CuratedLakeReader(IObjectStore objects)
{
    private const int ReplacementRetries = 5;

    public async Task<IReadOnlyList<CuratedPartition>> ListPartitionsAsync(string dataset, CancellationToken cancellationToken)
    {
        var parts = new SortedDictionary<(Period Period, string Partner), List<string>>();
        await foreach (var info in objects.ListAsync(LakePaths.CuratedDataset(dataset), cancellationToken))
        {
            if (TryParsePart(dataset, info.Path, out var period, out var partner))
            {
                if (!parts.TryGetValue((period, partner), out var list))
                {
                    parts[(period, partner)] = list = [];
                }
                list.Add(info.Path);
            }
        }
        return parts.Select(pair => new CuratedPartition(dataset, pair.Key.Period, pair.Key.Partner, pair.Value)).ToList();
    }

    /// <summary>
    /// Folds every row group of a partition, as the named columns only, into a fresh accumulator:
    /// one reader a part file. When a replacement removes a part file between listing and reading,
    /// the partition is listed again and read from the start.
    /// </summary>
    public async Task<TAccumulator> AggregatePartitionAsync<TAccumulator>(
        CuratedPartition partition, IReadOnlyList<string> columns, Func<TAccumulator> create, Action<TAccumulator, ColumnBatch> add,
        CancellationToken cancellationToken)
    {
        var parts = partition.Parts;
        for (var attempt = 1; ; attempt++)
        {
            var accumulator = create();
            try
            {
                foreach (var part in parts)
                {
                    await using var stream = await OpenSeekableAsync(part, cancellationToken);
                    await using var file = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
                    for (var group = 0; group < file.RowGroupCount; group++)
                    {
                        add(accumulator, await ColumnBatch.ReadAsync(file, group, columns, cancellationToken));
                    }
                }
                return accumulator;
            }
            catch (FileNotFoundException) when (attempt < ReplacementRetries)
            {
                parts = await ListPartsAsync(partition, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Every row group of every Parquet file under a prefix (the LMI datasets), as the named
    /// columns, with the file's <c>period=YYYY-MM</c> folder when its path has one.
    /// </summary>
    public async IAsyncEnumerable<(Period? Period, ColumnBatch Batch)> ReadAllAsync(string prefix, IReadOnlyList<string> columns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var files = new List<string>();
        await foreach (var info in objects.ListAsync(prefix, cancellationToken))
        {
            if (info.Path.EndsWith(".parquet", StringComparison.Ordinal) && !LakePaths.IsHidden(info.Path))
            {
                files.Add(info.Path);
            }
        }
        foreach (var path in files)
        {
            var period = PeriodFolder(path);
            await using var stream = await OpenSeekableAsync(path, cancellationToken);
            await using var file = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            for (var group = 0; group < file.RowGroupCount; group++)
            {
                yield return (period, await ColumnBatch.ReadAsync(file, group, columns, cancellationToken));
            }
        }
    }

    private static Period? PeriodFolder(string path)
    {
        var folder = path.Split('/').FirstOrDefault(segment => segment.StartsWith("period=", StringComparison.Ordinal));
        return folder is not null && Period.TryParse(folder["period=".Length..], out var period) ? period : null;
    }

    private async Task<IReadOnlyList<string>> ListPartsAsync(CuratedPartition partition, CancellationToken cancellationToken)
    {
        var prefix = LakePaths.CuratedPartition(partition.Dataset, partition.Period.ToString(), partition.Partner);
        var parts = new List<string>();
        await foreach (var info in objects.ListAsync(prefix, cancellationToken))
        {
            if (TryParsePart(partition.Dataset, info.Path, out _, out _))
            {
                parts.Add(info.Path);
            }
        }
        return parts;
    }

    /// <summary>Parquet needs to seek; a blob download stream cannot, so it goes through a temporary file.</summary>
    private async Task<Stream> OpenSeekableAsync(string path, CancellationToken cancellationToken)
    {
        var stream = await objects.OpenReadAsync(path, cancellationToken);
        if (stream.CanSeek)
        {
            return stream;
        }
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (stream)
        {
            await stream.CopyToAsync(temp, cancellationToken);
        }
        temp.Position = 0;
        return temp;
    }

    /// <summary><c>curated/{dataset}/period=YYYY-MM/partner=ID/part-*.parquet</c>, not hidden.</summary>
    private static bool TryParsePart(string dataset, string path, out Period period, out string partner)
    {
        period = default;
        partner = "";
        var segments = path.Split('/');
        if (LakePaths.IsHidden(path) || segments.Length != 5 || segments[0] != LakePaths.Curated || segments[1] != dataset
            || !segments[2].StartsWith("period=", StringComparison.Ordinal) || !segments[3].StartsWith("partner=", StringComparison.Ordinal)
            || !segments[4].StartsWith("part-", StringComparison.Ordinal) || !segments[4].EndsWith(".parquet", StringComparison.Ordinal))
        {
            return false;
        }
        partner = segments[3]["partner=".Length..];
        return Period.TryParse(segments[2]["period=".Length..], out period) && partner.Length > 0;
    }
}
