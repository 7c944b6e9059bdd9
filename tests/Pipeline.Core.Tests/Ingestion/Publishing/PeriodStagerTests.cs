using Parquet;
using Parquet.Meta;
using Pipeline.Core.Curated;
using Pipeline.Core.Ingestion.Publishing;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Tests.Ingestion.Publishing;

/// <summary>The staged files' layout: every row kept in order, in full row groups, text dictionary-encoded, whatever the order of months.</summary>
public sealed class PeriodStagerTests : IDisposable
{
    private static readonly Period January = new(2026, 1);
    private static readonly Period February = new(2026, 2);

    private readonly string _folder = Directory.CreateTempSubdirectory("stager-").FullName;
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task CompleteAsync_MonthsInterleavedRowByRow_WritesFullRowGroupsWithEveryRowInOrder()
    {
        const int rowsPerMonth = ParquetFiles.RowGroupSize + ParquetFiles.RowGroupSize / 2;
        IReadOnlyDictionary<Period, StagedPeriod> staged;
        await using (var stager = new PeriodStager<VacancyRecord>(_folder))
        {
            for (var row = 0; row < rowsPerMonth * 2; row++)
            {
                await stager.AddAsync(row % 2 == 0 ? January : February, Record(row), _ct);
            }
            staged = await stager.CompleteAsync(_ct);
        }

        Assert.Equal([January, February], staged.Keys.Order());
        foreach (var (period, first) in new[] { (January, 0), (February, 1) })
        {
            Assert.Equal(rowsPerMonth, staged[period].Rows);
            var metadata = await MetadataAsync(staged[period].Path);
            Assert.Equal([ParquetFiles.RowGroupSize, rowsPerMonth - ParquetFiles.RowGroupSize], metadata.RowGroups.Select(group => group.NumRows));
            var rows = await ReadAsync(staged[period].Path);
            Assert.Equal(Enumerable.Range(0, rowsPerMonth).Select(i => first + 2 * i), rows.Select(r => r.SourceRow));
        }
        Assert.Equal(["2026-01.parquet", "2026-02.parquet"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task CompleteAsync_OneMonth_TextIsDictionaryEncodedAndZstdCompressed()
    {
        await using var stager = new PeriodStager<VacancyRecord>(_folder);
        for (var row = 0; row < 1_000; row++)
        {
            await stager.AddAsync(January, Record(row), _ct);
        }
        var staged = await stager.CompleteAsync(_ct);

        var columns = (await MetadataAsync(staged[January].Path)).RowGroups.Single().Columns.ToDictionary(c => c.MetaData!.PathInSchema.Single());
        Assert.Contains(Encoding.PLAIN_DICTIONARY, columns["role"].MetaData!.Encodings);
        Assert.Contains(Encoding.PLAIN_DICTIONARY, columns["source_sha256"].MetaData!.Encodings);
        Assert.All(columns.Values, column => Assert.Equal(CompressionCodec.ZSTD, column.MetaData!.Codec));
        Assert.Equal(1_000, (await ReadAsync(staged[January].Path)).Count);
    }

    private static VacancyRecord Record(int row) => new()
    {
        Role = row % 3 == 0 ? "registered_nurse" : "care_worker",
        StaffGroup = "nursing",
        Site = $"Site {row}",
        StaffInPostFte = row % 50,
        StaffInPostHeadcount = row % 60,
        SourceRow = row,
        SourceSha256 = "ab12",
        UploadedAt = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc),
    };

    private static async Task<FileMetaData> MetadataAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        return reader.Metadata!;
    }

    private async Task<List<VacancyRecord>> ReadAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var rows = new List<VacancyRecord>();
        await foreach (var row in ParquetFiles.ReadAsync<VacancyRecord>(stream, _ct))
        {
            rows.Add(row);
        }
        return rows;
    }
}
