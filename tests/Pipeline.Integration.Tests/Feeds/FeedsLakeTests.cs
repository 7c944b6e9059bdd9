using DuckDB.NET.Data;
using Pipeline.Runner;

namespace Pipeline.Integration.Tests.Feeds;

/// <summary><c>pipeline feeds</c> end to end, and the LMI datasets read back by DuckDB as a BI tool would.</summary>
public sealed class FeedsLakeTests : IDisposable
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples", "feeds");
    private readonly string _lake = Path.Combine(Path.GetTempPath(), $"feeds-lake-{Guid.NewGuid():N}");

    [Fact]
    public async Task FeedsVerb_BundledSamples_DuckDbReadsEveryFixtureRow()
    {
        var claimants = File.ReadLines(Path.Combine(Samples, "nomis-claimants.csv")).Count(line => line.Contains(",Claimant count,Value,"));
        var postingIds = Directory.GetFiles(Samples, "adzuna-postings-*.json")
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("results").EnumerateArray())
            .Select(result => result.GetProperty("id").GetString()).Distinct().Count();
        var nhsRows = File.ReadLines(Path.Combine(Samples, "nhs-vacancy-statistics.csv")).Skip(1).Count(line => line.Length > 0);

        var exitCode = await RunnerApp.RunAsync(["feeds", "--samples", Samples, "--lake", _lake, "--quiet"]);

        Assert.Equal(RunnerApp.Ok, exitCode);
        Assert.Equal(claimants, Scalar<long>("SELECT count(*) FROM lmi_claimants"));
        Assert.Equal(postingIds, Scalar<long>("SELECT count(DISTINCT posting_id) FROM lmi_postings"));
        Assert.Equal(postingIds, Scalar<long>("SELECT count(*) FROM lmi_postings"));
        Assert.Equal(nhsRows, Scalar<long>("SELECT count(*) FROM lmi_nhs_vacancies"));
        Assert.Equal(0L, Scalar<long>("SELECT count(*) FROM lmi_postings WHERE strftime(posted_date, '%Y-%m') <> period"));
        Assert.Equal("DATE", Scalar<string>("SELECT typeof(posted_date) FROM lmi_postings LIMIT 1"));
        Assert.Equal("TIMESTAMP WITH TIME ZONE", Scalar<string>("SELECT typeof(fetched_at) FROM lmi_claimants LIMIT 1"));
        Assert.Equal(0L, Scalar<long>("SELECT count(*) FROM lmi_nhs_vacancies WHERE vacancy_rate > 1"));
    }

    [Fact]
    public async Task FeedsVerb_ConfigFileWithAFailingFeed_WritesTheOthersAndExitsOne()
    {
        var server = new FeedServer();
        using var host = new LoopbackFeedHost(server);
        server.ServeFile("/nhs.csv", Path.Combine(Samples, "nhs-vacancy-statistics.csv"));
        var config = Path.Combine(Path.GetTempPath(), $"feeds-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, $$"""
            { "feeds": [
              { "name": "nhs", "kind": "nhs-vacancy-statistics", "url": "{{host.BaseUrl}}/nhs.csv" },
              { "name": "claimants", "kind": "nomis-claimants", "url": "{{host.BaseUrl}}/missing.csv" } ] }
            """);
        try
        {
            var exitCode = await RunnerApp.RunAsync(["feeds", "--config", config, "--lake", _lake, "--quiet"]);

            Assert.Equal(RunnerApp.Refused, exitCode);
            Assert.Equal(File.ReadLines(Path.Combine(Samples, "nhs-vacancy-statistics.csv")).Skip(1).Count(line => line.Length > 0),
                Scalar<long>("SELECT count(*) FROM lmi_nhs_vacancies"));
            Assert.False(Directory.Exists(Path.Combine(_lake, "curated", "lmi_claimants")));
        }
        finally
        {
            File.Delete(config);
        }
    }

    private T Scalar<T>(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var views = connection.CreateCommand();
        views.CommandText = string.Concat(new[] { "lmi_claimants", "lmi_postings", "lmi_nhs_vacancies" }
            .Where(dataset => Directory.Exists(Path.Combine(_lake, "curated", dataset)))
            .Select(dataset => string.Create(CultureInfo.InvariantCulture,
                $"CREATE VIEW {dataset} AS SELECT * FROM read_parquet('{Path.Combine(_lake, "curated", dataset)}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false);")));
        views.ExecuteNonQuery();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        if (Directory.Exists(_lake))
        {
            Directory.Delete(_lake, recursive: true);
        }
    }
}
