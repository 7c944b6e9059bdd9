using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Runner;
using static Pipeline.Testing.Rows;

namespace Pipeline.Integration.Tests.Indicators;

/// <summary>What BI tools and the runner see of the indicators.</summary>
public sealed class IndicatorOutputTests() : LakeTests(TestLake.ForIndicators())
{
    [Fact]
    public async Task IndicatorsParquet_ReadByDuckDb_LongFormatWithStableTypes()
    {
        await Lake.WriteOneTrustMonthAsync();
        await Lake.Recomputer.RecomputeAllAsync(CancellationToken.None);

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{Lake.Root}/indicators/*/indicators.parquet', hive_partitioning = false))
            """;
        var columns = new Dictionary<string, string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                columns[reader.GetString(0)] = reader.GetString(1);
            }
        }
        command.CommandText = $"""
            SELECT value FROM read_parquet('{Lake.Root}/indicators/*/indicators.parquet', hive_partitioning = false)
            WHERE indicator = 'vacancy_rate' AND scope_type = 'partnership' AND period = '2026-03'
            """;
        var value = (double)command.ExecuteScalar()!;

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["indicator"] = "VARCHAR", ["period"] = "VARCHAR", ["scope_type"] = "VARCHAR", ["scope"] = "VARCHAR",
                ["value"] = "DOUBLE", ["numerator"] = "DOUBLE", ["denominator"] = "DOUBLE", ["suppressed"] = "BOOLEAN",
                ["partners_reporting"] = "INTEGER", ["computed_at"] = "TIMESTAMP WITH TIME ZONE",
            },
            columns);
        Assert.Equal(0.2, value, 12);
    }

    [Fact]
    public async Task IndicatorsCommand_CsvForOnePeriod_PrintsOnlyTheCsvOfThatPeriod()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        await Lake.WriteVacanciesAsync("pa", "2026-02", Vacancy("care_worker", 9, 1));
        await Lake.WriteVacanciesAsync("pa", "2026-03", Vacancy("care_worker", 8, 2));
        var output = new StringWriter();
        var original = Console.Out;
        int exitCode;
        Console.SetOut(output);
        try
        {
            exitCode = await RunnerApp.RunAsync(["indicators", "--period", "2026-03", "--format", "csv", "--lake", Lake.Root]);
        }
        finally
        {
            Console.SetOut(original);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(0, exitCode);
        Assert.Equal("indicator,period,scope_type,scope,value,numerator,denominator,suppressed,partners_reporting,computed_at", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.Equal("2026-03", line.Split(',')[1]));
        Assert.Contains(lines, line => line.StartsWith("vacancy_rate,2026-03,partnership,all,0.2,2,10,false,1,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IndicatorsCommand_Csv_FormatsEveryCellAsTheApiCsv()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        await Lake.AddPartnerAsync("pb", "care_provider");
        // A vacancy rate of about 1E-05, a negative net flow and suppressed exit shares: the cells where the formats used to differ.
        await Lake.WriteVacanciesAsync("pa", "2026-03", Vacancy("care_worker", 99999, 1, headcount: 100, starters: 1, leavers: 4));
        await Lake.WriteVacanciesAsync("pb", "2026-03", Vacancy("registered_nurse", 40, 2.5, headcount: 40, starters: 2));
        await Lake.WriteExitsAsync("pa", "2026-03", Exit("care_worker", "2026-03"), Exit("care_worker", "2026-03", destination: "left_sector"));

        var cli = await RunCsvAsync(["indicators", "--format", "csv", "--lake", Lake.Root]);
        var api = new MemoryStream();
        var answer = new IndicatorsQuery(new IndicatorStore(Lake.Tables), new ServingAccess(NullLogger<ServingAccess>.Instance))
            .Answer(new Caller.Coordinator("coordinator@test"), new QueryParameters([new("format", "csv")]), accept: null);
        await answer.WriteBodyAsync(api, CancellationToken.None);

        var apiCsv = System.Text.Encoding.UTF8.GetString(api.ToArray());
        Assert.Equal(Lines(apiCsv)[0], Lines(cli)[0]);
        Assert.Equal(Lines(apiCsv).Skip(1).Order(StringComparer.Ordinal), Lines(cli).Skip(1).Order(StringComparer.Ordinal));
        Assert.Contains(Lines(cli), line => line.StartsWith("vacancy_rate,2026-03,partner,pa,0.00001,1,100000,false,1,", StringComparison.Ordinal));
        Assert.Contains(Lines(cli), line => line.StartsWith("net_flow,2026-03,partner,pa,-3,-3,,false,1,", StringComparison.Ordinal));
        Assert.Contains(Lines(cli), line => line.StartsWith("left_sector_share,2026-03,partner,pa,,,,true,", StringComparison.Ordinal));
        Assert.DoesNotContain("E-", cli, StringComparison.Ordinal);
    }

    /// <summary>CRLF lines, as the API writes them; the command's output must have the same line ends.</summary>
    private static string[] Lines(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    private static async Task<string> RunCsvAsync(string[] arguments)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await RunnerApp.RunAsync(arguments));
        }
        finally
        {
            Console.SetOut(original);
        }
        return output.ToString();
    }
}
