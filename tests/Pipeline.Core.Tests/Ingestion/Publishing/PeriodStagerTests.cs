using Parquet;
using Parquet.Meta;
using Encoding = Parquet.Meta.Encoding;

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
        using (var stager = new PeriodStager(_folder, new VacancyColumns()))
        {
            await StageAsync(stager, rowsPerMonth * 2, row => row % 2 == 0 ? January : February);
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

    /// <summary>
    /// Months one after another (each written straight from memory, its last rows spilled when the
    /// next month starts), a month resident for a full row group and then interleaved with another
    /// (its later rows spilled after the group already written), the same with an odd number of
    /// rows held when the spill starts and more than a row group spilled, and three months in turn.
    /// Optional values and texts too many to number (<see cref="SpillTexts.MaxTexts"/>) go through
    /// the spill as well.
    /// </summary>
    [Theory]
    [InlineData("sorted")]
    [InlineData("resident, then interleaved")]
    [InlineData("resident for 101,234 rows, then interleaved")]
    [InlineData("three in turn")]
    public async Task CompleteAsync_AnyOrderOfMonths_EveryRowInOrderInFullRowGroups(string shape)
    {
        const int group = ParquetFiles.RowGroupSize;
        var March = new Period(2026, 3);
        var (count, periodOf) = shape switch
        {
            "sorted" => (2 * group + group / 2 + group / 5, (Func<int, Period>)(row => row < 2 * group + group / 2 ? January : February)),
            "resident, then interleaved" => (group + group / 10 + group, row => row < group + group / 10 || row % 2 == 0 ? January : February),
            "resident for 101,234 rows, then interleaved" => (group + 1_234 + 3 * group, row => row < group + 1_234 || row % 2 == 0 ? January : February),
            _ => (group + 7, row => (row % 3) switch { 0 => January, 1 => February, _ => March }),
        };
        IReadOnlyDictionary<Period, StagedPeriod> staged;
        using (var stager = new PeriodStager(_folder, new VacancyColumns()))
        {
            await StageAsync(stager, count, periodOf);
            staged = await stager.CompleteAsync(_ct);
        }

        var expected = Enumerable.Range(0, count).GroupBy(periodOf).ToDictionary(rows => rows.Key, rows => rows.ToList());
        Assert.Equal(expected.Keys.Order(), staged.Keys.Order());
        foreach (var (period, rows) in expected)
        {
            Assert.Equal(rows.Count, staged[period].Rows);
            var groups = (await MetadataAsync(staged[period].Path)).RowGroups.Select(g => g.NumRows).ToList();
            Assert.Equal(Enumerable.Repeat((long)group, rows.Count / group).Concat(rows.Count % group > 0 ? [rows.Count % group] : []), groups);
            var read = await ReadAsync(staged[period].Path);
            Assert.Equal(rows, read.Select(r => r.SourceRow));
            Assert.Equal(rows.Select(EstablishmentOf), read.Select(r => r.EstablishmentFte));
            Assert.Equal(rows.Select(row => $"Site {row}"), read.Select(r => r.Site));
        }
        Assert.All(Directory.GetFiles(_folder), file => Assert.EndsWith(".parquet", file));
    }

    [Fact]
    public async Task CompleteAsync_OneMonth_TextIsDictionaryEncodedAndZstdCompressed()
    {
        using var stager = new PeriodStager(_folder, new VacancyColumns());
        await StageAsync(stager, 1_000, _ => January);
        var staged = await stager.CompleteAsync(_ct);

        var columns = (await MetadataAsync(staged[January].Path)).RowGroups.Single().Columns.ToDictionary(c => c.MetaData!.PathInSchema.Single());
        Assert.Contains(Encoding.PLAIN_DICTIONARY, columns["role"].MetaData!.Encodings);
        Assert.Contains(Encoding.PLAIN_DICTIONARY, columns["source_sha256"].MetaData!.Encodings);
        Assert.All(columns.Values, column => Assert.Equal(CompressionCodec.ZSTD, column.MetaData!.Codec));
        Assert.Equal(1_000, (await ReadAsync(staged[January].Path)).Count);
    }

    /// <summary>An optional value, blank on every seventh row.</summary>
    private static double? EstablishmentOf(int row) => row % 7 == 0 ? null : row + 0.5;

    /// <summary>Stages rows 0..count-1 in batches as the validator does, row r in <paramref name="periodOf"/>(r).</summary>
    private static async Task StageAsync(PeriodStager stager, int count, Func<int, Period> periodOf)
    {
        var batch = new VacancyColumns();
        var periods = new List<Period>();
        for (var row = 0; row < count; row++)
        {
            batch.Role.Add(row % 3 == 0 ? "registered_nurse" : "care_worker");
            batch.StaffGroup.Add("nursing");
            batch.Site.Add($"Site {row}");
            batch.EstablishmentFte.Add(EstablishmentOf(row));
            batch.StaffInPostFte.Add(row % 50);
            batch.StaffInPostHeadcount.Add(row % 60);
            batch.VacanciesFte.Add(0);
            batch.VacanciesAdvertised.Add(null);
            batch.Applications.Add(null);
            batch.Starters.Add(0);
            batch.Leavers.Add(0);
            batch.AgencyFte.Add(null);
            batch.BankFte.Add(null);
            batch.SourceRow.Add(row);
            batch.SourceSha256.Add("ab12");
            batch.UploadedAt.Add(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc));
            periods.Add(periodOf(row));
            if (periods.Count == 4096 || row == count - 1)
            {
                await stager.AddAsync(batch, periods, CancellationToken.None);
                batch.Clear();
                periods.Clear();
            }
        }
    }

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
