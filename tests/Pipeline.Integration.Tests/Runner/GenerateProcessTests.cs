using DuckDB.NET.Data;
using Pipeline.Synthetic;
using Pipeline.Runner;

namespace Pipeline.Integration.Tests.Runner;

/// <summary>
/// Issue 2's end-to-end promise through the runner's own verbs: <c>generate</c>, <c>partners import</c>,
/// <c>process</c>. Every good file accepted, every bad one refused with its problem located where the
/// generator put it, the log's rows balanced, and DuckDB over curated gets the manifest's totals.
/// </summary>
public sealed class GenerateProcessTests : IDisposable
{
    private readonly string _lake = Path.Combine(Path.GetTempPath(), "generate-process-" + Guid.NewGuid().ToString("N"));

    /// <param name="realWorld">Issue 11: roles as ESR and ASC-WDS export them, and local titles the generated mappings file maps.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Process_GeneratedUploads_AcceptsGoodRefusesBadAndKeepsTotals(bool realWorld)
    {
        Environment.SetEnvironmentVariable("Pipeline__PseudonymisationKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 1)).ToArray()));
        string[] mode = realWorld ? ["--real-world"] : [];
        Assert.Equal(0, await RunnerApp.RunAsync(["generate", "--partners", "5", "--months", "3", "--seed", "7", "--out", _lake, "--quiet", .. mode]));
        Assert.Equal(0, await RunnerApp.RunAsync(["partners", "import", Path.Combine(_lake, SyntheticLakeGenerator.PartnersFile), "--lake", _lake]));
        if (realWorld)
        {
            Assert.Equal(0, await RunnerApp.RunAsync(["mappings", "import", Path.Combine(_lake, SyntheticLakeGenerator.MappingsFile), "--lake", _lake]));
        }

        Assert.Equal(0, await RunnerApp.RunAsync(["process", "--lake", _lake, "--quiet"]));

        var manifest = Manifest.Read(Path.Combine(_lake, Manifest.FileName));
        var log = (await new IngestionLog(new SqliteTableStore(Path.Combine(_lake, "_tables"))).ListAsync(null, default))
            .ToDictionary(r => r.LandingPath);
        Assert.Contains(manifest.Files, f => f.Defect is not null);
        foreach (var file in manifest.Files)
        {
            var record = log[file.Path];
            Assert.True(file.Expected == "accepted" ? IngestionStatus.IsAccepted(record.Status) : record.Status == IngestionStatus.Refused,
                $"{file.Path}: expected {file.Expected}, got {record.Status} ({record.Message})");
            Assert.Equal(file.Rows, record.RowsIn);
            Assert.Equal(record.RowsIn, record.RowsAccepted + record.RowsRefused);
            if (file.Defect is { } defect)
            {
                await AssertReportLocatesAsync(record, defect);
            }
        }
        AssertCuratedTotals(manifest.Totals);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("Pipeline__PseudonymisationKey", null);
        Directory.Delete(_lake, recursive: true);
    }

    private async Task AssertReportLocatesAsync(IngestionRecord record, ManifestDefect defect)
    {
        await using var stream = File.OpenRead(Path.Combine(_lake, record.ReportPath!));
        using var report = await JsonDocument.ParseAsync(stream);
        var errors = report.RootElement.GetProperty("issues").EnumerateArray()
            .Where(i => i.GetProperty("severity").GetString() == "error")
            .Select(i => (Row: i.GetProperty("row").GetInt32(), Column: i.GetProperty("column").GetString()))
            .ToList();
        foreach (var row in defect.Rows)
        {
            // A duplicate is a whole row: the generator names no column for it.
            Assert.True(errors.Any(e => e.Row == row && (defect.Column is null || e.Column == defect.Column)),
                $"{record.LandingPath}: {defect.Kind} at rows {string.Join(",", defect.Rows)} column {defect.Column} not among {string.Join("; ", errors)}");
        }
    }

    private void AssertCuratedTotals(ManifestTotals totals)
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"""
            SELECT count(*), sum(vacancies_fte), sum(staff_in_post_fte), sum(staff_in_post_headcount)::BIGINT, sum(starters)::BIGINT, sum(leavers)::BIGINT,
                   count(DISTINCT partner), count(DISTINCT period)
            FROM read_parquet('{_lake}/curated/vacancies/**/*.parquet', hive_partitioning = true)
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(totals.Vacancies.Rows, reader.GetInt64(0));
        Assert.Equal(totals.Vacancies.VacanciesFte, Math.Round(Convert.ToDecimal(reader.GetValue(1), CultureInfo.InvariantCulture), 2));
        Assert.Equal(totals.Vacancies.StaffInPostFte, Math.Round(Convert.ToDecimal(reader.GetValue(2), CultureInfo.InvariantCulture), 2));
        Assert.Equal(totals.Vacancies.StaffInPostHeadcount, reader.GetInt64(3));
        Assert.Equal(totals.Vacancies.Starters, reader.GetInt64(4));
        Assert.Equal(totals.Vacancies.Leavers, reader.GetInt64(5));
        Assert.Equal(3, reader.GetInt64(7));
    }
}
