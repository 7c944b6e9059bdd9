namespace Pipeline.Core.Ingestion.Publishing;

/// <summary>
/// Collects an upload's curated rows into one local Parquet file per period with row groups
/// of <see cref="ParquetFiles.RowGroupSize"/>, whatever the order of the months in the file.
/// Each row goes at once to its period's spill, a raw binary file; at completion each period's
/// Parquet file is written once from its spill, one row group in memory at a time. Memory is
/// bounded by the batches, not by the file's size or number of periods.
/// </summary>
public sealed class PeriodStager : IDisposable
{
    private readonly string _folder;
    private readonly CuratedColumns _shape;
    private readonly Dictionary<Period, Spill> _periods = [];
    private readonly SpillTexts _texts = new();

    /// <param name="shape">An empty batch of the dataset; the staged files have its schema.</param>
    public PeriodStager(string folder, CuratedColumns shape)
    {
        _folder = folder;
        _shape = shape;
        Directory.CreateDirectory(folder);
    }

    /// <summary>Stages the rows of a batch; row i belongs to <paramref name="periods"/>[i].</summary>
    public void Add(CuratedColumns batch, IReadOnlyList<Period> periods)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            var period = periods[row];
            if (!_periods.TryGetValue(period, out var spill))
            {
                spill = new Spill(Path.Combine(_folder, $"{period}.spill"), Path.Combine(_folder, $"{period}.parquet"));
                _periods.Add(period, spill);
            }
            batch.WriteRow(spill.Writer, row, _texts);
            spill.Rows++;
        }
    }

    /// <summary>Writes every period's staged file and deletes the spills: the staged file of every period, with its row count.</summary>
    public async Task<IReadOnlyDictionary<Period, StagedPeriod>> CompleteAsync(CancellationToken cancellationToken)
    {
        var group = _shape.NewBatch();
        foreach (var spill in _periods.Values)
        {
            spill.Writer.Dispose();
            await using (var input = new FileStream(spill.SpillPath, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16))
            await using (var output = new FileStream(spill.Path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            await using (var writer = await ParquetFiles.CreateWriterAsync(_shape.Schema, output, cancellationToken))
            {
                using var reader = new BinaryReader(input);
                for (var row = 0; row < spill.Rows; row++)
                {
                    group.ReadRow(reader, _texts);
                    if (group.Count == ParquetFiles.RowGroupSize || row == spill.Rows - 1)
                    {
                        await group.WriteRowGroupAsync(writer, cancellationToken);
                        group.Clear();
                    }
                }
            }
            File.Delete(spill.SpillPath);
        }
        return _periods.ToDictionary(p => p.Key, p => new StagedPeriod(p.Value.Path, p.Value.Rows));
    }

    public void Dispose()
    {
        foreach (var spill in _periods.Values)
        {
            spill.Writer.Dispose();
        }
    }

    private sealed class Spill(string spillPath, string path)
    {
        public string SpillPath { get; } = spillPath;
        public string Path { get; } = path;
        public BinaryWriter Writer { get; } = new(new FileStream(spillPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16));
        public int Rows { get; set; }
    }
}

public sealed record StagedPeriod(string Path, int Rows);
