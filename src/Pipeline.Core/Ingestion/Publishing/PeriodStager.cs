using Pipeline.Core.Curated;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Ingestion.Publishing;

/// <summary>
/// Collects an upload's curated records into one local Parquet file per period, a row group
/// at a time. At most <see cref="ParquetFiles.RowGroupSize"/> records are held in memory in
/// all, whatever the file's size or number of periods.
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
            staged = new Staged(Path.Combine(_folder, $"{period}.parquet"));
            _periods.Add(period, staged);
        }
        staged.Buffer.Add(record);
        staged.Rows++;
        if (++_buffered >= ParquetFiles.RowGroupSize)
        {
            await FlushAsync(_periods.Values.MaxBy(p => p.Buffer.Count)!, cancellationToken);
        }
    }

    /// <summary>Writes what is buffered and closes the files: the staged file of every period, with its row count.</summary>
    public async Task<IReadOnlyDictionary<Period, StagedPeriod>> CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var staged in _periods.Values)
        {
            await FlushAsync(staged, cancellationToken);
            if (staged.File is not null)
            {
                await staged.File.DisposeAsync();
            }
        }
        return _periods.ToDictionary(p => p.Key, p => new StagedPeriod(p.Value.Path, p.Value.Rows));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var staged in _periods.Values.Where(s => s.File is not null))
        {
            await staged.File!.DisposeAsync();
        }
    }

    private async Task FlushAsync(Staged staged, CancellationToken cancellationToken)
    {
        if (staged.Buffer.Count == 0)
        {
            return;
        }
        var append = staged.File is not null;
        staged.File ??= new FileStream(staged.Path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        await ParquetFiles.WriteRowGroupAsync(staged.Buffer, staged.File, append, cancellationToken);
        _buffered -= staged.Buffer.Count;
        staged.Buffer.Clear();
    }

    private sealed class Staged(string path)
    {
        public string Path { get; } = path;
        public List<TRecord> Buffer { get; } = [];
        public FileStream? File { get; set; }
        public int Rows { get; set; }
    }
}

public sealed record StagedPeriod(string Path, int Rows);
