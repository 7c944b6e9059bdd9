using Parquet;

namespace Pipeline.Core.Ingestion.Publishing;

/// <summary>
/// Collects an upload's curated rows into one local Parquet file per period with row groups
/// of <see cref="ParquetFiles.RowGroupSize"/>, whatever the order of the months in the file, and
/// every period's rows in the order of the file.
/// </summary>
/// <remarks>
/// One period at a time is resident: its rows are held as columns and each full row group is
/// written to its file at once, so a file of one month (or sorted by month) never goes through a
/// spill. A row of another period makes that one resident instead, and the rows the former held
/// go to the former's spill, a raw binary file, as do all its later rows. At completion each
/// spill is read back and written, a period's last row group while the next period's spill is
/// read. A full row group is encoded and compressed on another thread
/// while the next one fills. Memory is bounded by two row groups and the batches, not by the
/// file's size or number of periods.
/// </remarks>
public sealed class PeriodStager : IDisposable
{
    private readonly string _folder;
    private readonly Dictionary<Period, StagedFile> _files = [];
    private readonly SpillTexts _texts = new();

    /// <summary>The resident period's rows since its last row group; at completion, each spill's row groups.</summary>
    private CuratedColumns _group;

    /// <summary>The row group being written in the background (<see cref="_writing"/>), then the next one to fill.</summary>
    private CuratedColumns _spare;

    /// <summary>One full row group at a time is encoded and compressed on another thread while the next fills.</summary>
    private Task _writing = Task.CompletedTask;

    private StagedFile? _resident;

    /// <param name="shape">An empty batch of the dataset; the staged files have its schema.</param>
    public PeriodStager(string folder, CuratedColumns shape)
    {
        _folder = folder;
        _group = shape.NewBatch();
        _spare = shape.NewBatch();
        Directory.CreateDirectory(folder);
    }

    /// <summary>Stages the rows of a batch; row i belongs to <paramref name="periods"/>[i].</summary>
    public async ValueTask AddAsync(CuratedColumns batch, IReadOnlyList<Period> periods, CancellationToken cancellationToken)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            var file = FileOf(periods[row]);
            file.Rows++;
            if (file.Spill is { } spill)
            {
                batch.WriteRow(spill, row, _texts);
                continue;
            }
            if (file != _resident)
            {
                SpillResidentRows();
                _resident = file;
            }
            _group.AddRowOf(batch, row);
            if (_group.Count == ParquetFiles.RowGroupSize)
            {
                await WriteGroupAsync(file, cancellationToken);
            }
        }
    }

    /// <summary>Writes every period's staged file and deletes the spills: the staged file of every period, with its row count.</summary>
    public async Task<IReadOnlyDictionary<Period, StagedPeriod>> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_resident is { } resident && _group.Count > 0)
        {
            await WriteGroupAsync(resident, cancellationToken);
        }
        _resident = null;
        // A file is finished one file later, so its last row group is written while the next spill is read.
        StagedFile? previous = null;
        foreach (var file in _files.Values)
        {
            if (file.Spill is { } spill)
            {
                spill.Dispose();
                await using (var input = new FileStream(file.SpillPath, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16))
                {
                    using var reader = new BinaryReader(input);
                    var spilled = file.Rows - file.RowsWritten;
                    for (var row = 0; row < spilled; row++)
                    {
                        _group.ReadRow(reader, _texts);
                        if (_group.Count == ParquetFiles.RowGroupSize || row == spilled - 1)
                        {
                            await WriteGroupAsync(file, cancellationToken);
                        }
                    }
                }
                File.Delete(file.SpillPath);
            }
            if (previous is not null)
            {
                await previous.FinishAsync();
            }
            previous = file;
        }
        if (previous is not null)
        {
            await previous.FinishAsync();
        }
        return _files.ToDictionary(p => p.Key, p => new StagedPeriod(p.Value.Path, p.Value.Rows));
    }

    /// <summary>Closes every file; a staging that did not complete leaves files no one publishes.</summary>
    public void Dispose()
    {
        // A row group still being written when staging failed ends before its file is closed under it.
        ((IAsyncResult)_writing).AsyncWaitHandle.WaitOne();
        foreach (var file in _files.Values)
        {
            file.Spill?.Dispose();
            file.Output?.Dispose();
        }
    }

    private StagedFile FileOf(Period period)
    {
        if (!_files.TryGetValue(period, out var file))
        {
            file = new StagedFile(Path.Combine(_folder, $"{period}.parquet"), Path.Combine(_folder, $"{period}.spill"));
            _files.Add(period, file);
        }
        return file;
    }

    /// <summary>
    /// The resident period's rows not yet in a row group go to its spill, and so will all its
    /// later rows, which keeps its rows in order. A period holding none may be resident again.
    /// </summary>
    private void SpillResidentRows()
    {
        if (_resident is not { } resident || _group.Count == 0)
        {
            return;
        }
        var spill = resident.StartSpill();
        for (var row = 0; row < _group.Count; row++)
        {
            _group.WriteRow(spill, row, _texts);
        }
        _group.Clear();
    }

    /// <summary>
    /// Hands the full group to a background write and goes on filling the spare: the previous
    /// write is waited for first, so one group is written at a time and files get their groups in order.
    /// </summary>
    private async Task WriteGroupAsync(StagedFile file, CancellationToken cancellationToken)
    {
        await _writing;
        file.Output ??= new FileStream(file.Path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        file.Writer ??= await ParquetFiles.CreateWriterAsync(_group, file.Output, cancellationToken);
        var (full, writer) = (_group, file.Writer);
        (_group, _spare) = (_spare, full);
        _group.Clear();
        file.RowsWritten += full.Count;
        _writing = file.LastWrite = Task.Run(() => full.WriteRowGroupAsync(writer, cancellationToken), cancellationToken);
    }

    private sealed class StagedFile(string path, string spillPath)
    {
        public string Path { get; } = path;
        public string SpillPath { get; } = spillPath;
        public int Rows { get; set; }

        /// <summary>Rows already in row groups of <see cref="Writer"/>.</summary>
        public int RowsWritten { get; set; }

        /// <summary>Set once the period has rows waiting on disk; from then on all its rows go there.</summary>
        public BinaryWriter? Spill { get; private set; }

        public FileStream? Output { get; set; }
        public ParquetWriter? Writer { get; set; }

        /// <summary>The background write of the file's latest row group.</summary>
        public Task LastWrite { get; set; } = Task.CompletedTask;

        public BinaryWriter StartSpill() =>
            Spill = new BinaryWriter(new FileStream(SpillPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16));

        /// <summary>Writes the file's footer, once its last row group is written, and closes it.</summary>
        public async Task FinishAsync()
        {
            await LastWrite;
            if (Writer is not null)
            {
                await Writer.DisposeAsync();
            }
            if (Output is not null)
            {
                await Output.DisposeAsync();
            }
            Writer = null;
            Output = null;
        }
    }
}

public sealed record StagedPeriod(string Path, int Rows);
