using Pipeline.Core.Curated;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Ingestion.Publishing;

/// <summary>
/// Collects an upload's curated records into one local Parquet file per period with row groups
/// of <see cref="ParquetFiles.RowGroupSize"/>, whatever the order of the months in the file.
/// Records are buffered (at most <see cref="ParquetFiles.RowGroupSize"/> in all) and the
/// fullest period's buffer is spilled to that period's spill file when the buffer is full. When
/// months interleave, spills are small row groups; at completion such a period's spill is
/// regrouped into its staged file one row group at a time, so memory stays bounded by the
/// buffer, not by the file's size or number of periods.
/// </summary>
public sealed class PeriodStager<TRecord> : IAsyncDisposable where TRecord : class, new()
{
    private readonly string _folder;
    private readonly Dictionary<Period, Staged> _periods = [];
    private int _buffered;

    public PeriodStager(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    public async Task AddAsync(Period period, TRecord record, CancellationToken cancellationToken)
    {
        if (!_periods.TryGetValue(period, out var staged))
        {
            staged = new Staged(Path.Combine(_folder, $"{period}.spill.parquet"), Path.Combine(_folder, $"{period}.parquet"));
            _periods.Add(period, staged);
        }
        staged.Buffer.Add(record);
        staged.Rows++;
        if (++_buffered >= ParquetFiles.RowGroupSize)
        {
            await SpillAsync(_periods.Values.MaxBy(p => p.Buffer.Count)!, cancellationToken);
        }
    }

    /// <summary>Writes what is buffered and closes the files: the staged file of every period, with its row count.</summary>
    public async Task<IReadOnlyDictionary<Period, StagedPeriod>> CompleteAsync(CancellationToken cancellationToken)
    {
        // Everything is spilled before any month is regrouped, so a regroup's row group is the only one in memory.
        foreach (var staged in _periods.Values)
        {
            await SpillAsync(staged, cancellationToken);
            await staged.Spill!.DisposeAsync();
            staged.Spill = null;
        }
        foreach (var staged in _periods.Values)
        {
            await FinishAsync(staged, cancellationToken);
        }
        return _periods.ToDictionary(p => p.Key, p => new StagedPeriod(p.Value.Path, p.Value.Rows));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var staged in _periods.Values.Where(s => s.Spill is not null))
        {
            await staged.Spill!.DisposeAsync();
        }
    }

    private async Task SpillAsync(Staged staged, CancellationToken cancellationToken)
    {
        if (staged.Buffer.Count == 0)
        {
            return;
        }
        var append = staged.Spill is not null;
        staged.Spill ??= new FileStream(staged.SpillPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        await ParquetFiles.WriteRowGroupAsync(staged.Buffer, staged.Spill, append, cancellationToken);
        _buffered -= staged.Buffer.Count;
        staged.Buffer.Clear();
    }

    /// <summary>
    /// A spill whose groups are all full but the last (one month, or months in blocks) is the
    /// staged file as it is; any other is regrouped into full groups.
    /// </summary>
    private static async Task FinishAsync(Staged staged, CancellationToken cancellationToken)
    {
        bool regroup;
        await using (var spill = new FileStream(staged.SpillPath, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16))
        {
            var groups = await ParquetFiles.RowGroupSizesAsync(spill, cancellationToken);
            regroup = groups.SkipLast(1).Any(rows => rows < ParquetFiles.RowGroupSize);
            if (regroup)
            {
                await using var regrouped = new FileStream(staged.Path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
                await ParquetFiles.RegroupAsync<TRecord>(spill, regrouped, cancellationToken);
            }
        }
        if (regroup)
        {
            File.Delete(staged.SpillPath);
        }
        else
        {
            File.Move(staged.SpillPath, staged.Path, overwrite: true);
        }
    }

    private sealed class Staged(string spillPath, string path)
    {
        public string SpillPath { get; } = spillPath;
        public string Path { get; } = path;
        public List<TRecord> Buffer { get; } = [];
        public FileStream? Spill { get; set; }
        public int Rows { get; set; }
    }
}

public sealed record StagedPeriod(string Path, int Rows);
