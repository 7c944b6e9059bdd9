using System.Net;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Tests.Feeds;

/// <summary>The feeds pulled through the real client and resilience handler from an in-process server of the bundled samples and faults.</summary>
public sealed partial class LabourMarketFeedsTests : IDisposable
{
    private const string Secret = "s3cr3t-adzuna-key";
    private readonly FeedServer _server = new();
    private readonly TestLake _lake;
    private readonly string _keyVariable = $"FEEDS_TEST_KEY_{Guid.NewGuid():N}";

    public LabourMarketFeedsTests()
    {
        _lake = TestLake.ForFeeds(_server);
        Environment.SetEnvironmentVariable(_keyVariable, Secret);
        _server.ServeFile("/nomis.csv", FeedTestFiles.Sample("nomis-claimants.csv"));
        _server.ServeFile("/nhs.csv", FeedTestFiles.Sample("nhs-vacancy-statistics.csv"));
        for (var page = 1; page <= 3; page++)
        {
            _server.ServeFile($"/adzuna/{page}", FeedTestFiles.Sample($"adzuna-postings-{page}.json"));
        }
    }

    private FeedOptions Claimants => new() { Name = "claimants", Kind = FeedKinds.NomisClaimants, Url = $"{_server.BaseUrl}/nomis.csv" };

    private FeedOptions Postings => new()
    {
        Name = "postings",
        Kind = FeedKinds.AdzunaPostings,
        Url = $"{_server.BaseUrl}/adzuna/{{page}}?app_id=test&app_key={{apiKey}}&what=care",
        MaxPages = 5,
        ApiKeyEnv = _keyVariable,
    };

    private FeedOptions NhsVacancies => new() { Name = "nhs", Kind = FeedKinds.NhsVacancyStatistics, Url = $"{_server.BaseUrl}/nhs.csv" };

    private Task<FeedRunSummary> PullAllAsync() => _lake.PullAsync(Claimants, Postings, NhsVacancies);

    [Fact]
    public async Task PullAsync_CleanPullOfEachKind_WritesEveryFixtureRow()
    {
        var claimantCount = File.ReadLines(FeedTestFiles.Sample("nomis-claimants.csv")).Count(line => line.Contains(",Claimant count,Value,"));
        var postingIds = Enumerable.Range(1, 3)
            .SelectMany(page => IdProperty().Matches(File.ReadAllText(FeedTestFiles.Sample($"adzuna-postings-{page}.json"))))
            .Select(match => match.Groups[1].Value).Distinct().Count();
        var nhsCount = File.ReadLines(FeedTestFiles.Sample("nhs-vacancy-statistics.csv")).Skip(1).Count(line => line.Length > 0);

        var summary = await PullAllAsync();

        Assert.All(summary.Feeds, feed => Assert.Equal(FeedOutcome.Updated, feed.Outcome));
        Assert.Equal(claimantCount, (await _lake.ReadCuratedAsync<ClaimantRecord>(Datasets.LmiClaimants)).Count);
        Assert.Equal(postingIds, (await _lake.ReadCuratedAsync<PostingRecord>(Datasets.LmiPostings)).Count);
        Assert.Equal(nhsCount, (await _lake.ReadCuratedAsync<NhsVacancyRecord>(Datasets.LmiNhsVacancies)).Count);
        Assert.Equal(postingIds, summary["postings"].RowsNew);
        Assert.Equal(3, summary["postings"].PagesFetched);
        Assert.Empty(_server.RequestsTo("/adzuna/4"));
        Assert.Equal(5, _lake.Snapshot("raw/lmi").Keys.Count(path => !path.EndsWith(".meta.json", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PullAsync_ApiKey_SentToTheServerButNeverStored()
    {
        await _lake.PullAsync(Postings);

        Assert.All(_server.RequestsTo("/adzuna/1"), request => Assert.Contains($"app_key={Secret}", request.Query));
        var stored = Directory.EnumerateFiles(_lake.Root, "*", SearchOption.AllDirectories)
            .Where(file => !file.EndsWith(".parquet", StringComparison.Ordinal)).Select(File.ReadAllText).ToList();
        Assert.DoesNotContain(stored, text => text.Contains(Secret, StringComparison.Ordinal));
        Assert.Contains(stored, text => text.Contains($"app_key={FeedUrl.Redacted}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PullAsync_ApiKeyVariableNotSet_FailsThatFeedNamingTheVariable()
    {
        Environment.SetEnvironmentVariable(_keyVariable, null);

        var summary = await PullAllAsync();

        Assert.Equal(FeedOutcome.Failed, summary["postings"].Outcome);
        Assert.Contains(_keyVariable, summary["postings"].Cause);
        Assert.Empty(_server.RequestsTo("/adzuna/1"));
        Assert.Equal(FeedOutcome.Updated, summary["claimants"].Outcome);
    }

    [Fact]
    public async Task PullAsync_ServiceUnavailableThenOk_RetriesAndSucceeds()
    {
        _server.Fail("/nomis.csv", new FeedServer.Fault(HttpStatusCode.ServiceUnavailable));

        var summary = await _lake.PullAsync(Claimants);

        Assert.Equal(FeedOutcome.Updated, summary["claimants"].Outcome);
        Assert.Equal(2, _server.RequestsTo("/nomis.csv").Count);
    }

    [Fact]
    public async Task PullAsync_TooManyRequestsWithRetryAfter_WaitsThatLongBeforeRetrying()
    {
        _server.Fail("/nhs.csv", new FeedServer.Fault(HttpStatusCode.TooManyRequests, RetryAfterSeconds: 1));

        var summary = await _lake.PullAsync(NhsVacancies);

        Assert.Equal(FeedOutcome.Updated, summary["nhs"].Outcome);
        var requests = _server.RequestsTo("/nhs.csv");
        Assert.Equal(2, requests.Count);
        // The server stamps arrivals with the clock .NET timers run on (Environment.TickCount64, on Linux the
        // coarse monotonic clock, one kernel tick per step), so the wait shows exactly: a finer clock saw a 1 s
        // delay end up to a tick early (997.6 ms by a Stopwatch).
        Assert.True(requests[1].ArrivedAt - requests[0].ArrivedAt >= TimeSpan.FromSeconds(1),
            $"the retry came {(requests[1].ArrivedAt - requests[0].ArrivedAt).TotalMilliseconds} ms after the 429");
    }

    [Fact]
    public async Task PullAsync_ServerErrorsOnEveryAttempt_FailsThatFeedAfterTheRetriesAndOthersGoOn()
    {
        var http = TestLake.FastHttp();
        _server.Fail("/nomis.csv", Enumerable.Repeat(new FeedServer.Fault(HttpStatusCode.InternalServerError), 10).ToArray());

        var summary = await _lake.PullAsync(http, Claimants, NhsVacancies);

        Assert.Equal(FeedOutcome.Failed, summary["claimants"].Outcome);
        Assert.Contains("HTTP 500", summary["claimants"].Cause);
        Assert.Equal(http.MaxRetryAttempts + 1, _server.RequestsTo("/nomis.csv").Count);
        Assert.Equal(FeedOutcome.Updated, summary["nhs"].Outcome);
        Assert.Empty(_lake.Snapshot("curated/lmi_claimants"));
    }

    [Fact]
    public async Task PullAsync_FailuresOpenTheCircuit_GivesUpBeforeTheRetriesRunOut()
    {
        var http = TestLake.FastHttp();
        http.MaxRetryAttempts = 8;
        http.BreakerMinimumThroughput = 3;
        http.BreakerFailureRatio = 0.5;
        _server.Fail("/nomis.csv", Enumerable.Repeat(new FeedServer.Fault(HttpStatusCode.BadGateway), 20).ToArray());

        var summary = await _lake.PullAsync(http, Claimants, NhsVacancies);

        Assert.Equal(FeedOutcome.Failed, summary["claimants"].Outcome);
        Assert.Contains("circuit", summary["claimants"].Cause);
        Assert.InRange(_server.RequestsTo("/nomis.csv").Count, 3, http.MaxRetryAttempts);
        Assert.Equal(FeedOutcome.Updated, summary["nhs"].Outcome);
    }

    [Fact]
    public async Task PullAsync_SecondPullUnchanged_AnswersNotModifiedAndWritesNothing()
    {
        await PullAllAsync();
        var curated = _lake.Snapshot("curated");
        var raw = _lake.Snapshot("raw");
        var state = await _lake.TableSnapshotAsync(FeedStateStore.Table);

        var summary = await PullAllAsync();

        Assert.All(summary.Feeds, feed => Assert.Equal(FeedOutcome.Unchanged, feed.Outcome));
        Assert.Equal(3, summary["postings"].PagesUnchanged);
        Assert.Equal(curated, _lake.Snapshot("curated"));
        Assert.Equal(raw, _lake.Snapshot("raw"));
        Assert.NotEmpty(state);
        Assert.Equal(state, await _lake.TableSnapshotAsync(FeedStateStore.Table));
        Assert.NotNull(_server.RequestsTo("/nomis.csv")[^1].IfNoneMatch);
    }

    [Fact]
    public async Task PullAsync_ServerWithLastModifiedOnly_AsksIfModifiedSinceAndGetsNotModified()
    {
        _server.SendsETags = false;
        _server.LastModified = new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);
        await _lake.PullAsync(NhsVacancies);

        var summary = await _lake.PullAsync(NhsVacancies);

        Assert.Equal((FeedOutcome.Unchanged, 1), (summary["nhs"].Outcome, summary["nhs"].PagesUnchanged));
        Assert.Equal(_server.LastModified, DateTimeOffset.Parse(_server.RequestsTo("/nhs.csv")[^1].IfModifiedSince!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PullAsync_ServerWithoutETagsSendsTheSameBytes_WritesNothing()
    {
        _server.SendsETags = false;
        await PullAllAsync();
        var curated = _lake.Snapshot("curated");
        var raw = _lake.Snapshot("raw");

        var summary = await PullAllAsync();

        Assert.All(summary.Feeds, feed => Assert.Equal(FeedOutcome.Unchanged, feed.Outcome));
        Assert.Null(_server.RequestsTo("/nomis.csv")[^1].IfNoneMatch);
        Assert.Equal(curated, _lake.Snapshot("curated"));
        Assert.Equal(raw, _lake.Snapshot("raw"));
    }

    [Fact]
    public async Task PullAsync_MalformedPage_FailsThatFeedWholeAndOthersSucceed()
    {
        _server.Serve("/adzuna/2", """{"results":[{"id":"1","title":"Carer","created":"not a date"}]}""");

        var summary = await PullAllAsync();

        var postings = summary["postings"];
        Assert.Equal(FeedOutcome.Failed, postings.Outcome);
        Assert.Contains("malformed", postings.Cause);
        Assert.Contains("page 2", postings.Cause);
        Assert.Empty(_lake.Snapshot("curated/lmi_postings"));
        Assert.Empty(await _lake.TableSnapshotAsync(FeedStateStore.Table, "postings"));
        Assert.Equal(2, _lake.Snapshot("raw/lmi/postings").Keys.Count(path => path.EndsWith(".json", StringComparison.Ordinal) && !path.EndsWith(".meta.json", StringComparison.Ordinal)));
        Assert.Equal(FeedOutcome.Updated, summary["claimants"].Outcome);
        Assert.Equal(FeedOutcome.Updated, summary["nhs"].Outcome);
    }

    [Fact]
    public async Task PullAsync_ChangedColumns_FailsNamingTheMissingColumn()
    {
        _server.Serve("/nomis.csv", "DATE,GEOGRAPHY_NAME,GEOGRAPHY_CODE,MEASURES_NAME,VALUE\n2026-01,Plymouth,E06000026,Value,4100\n");

        var summary = await _lake.PullAsync(Claimants);

        Assert.Equal(FeedOutcome.Failed, summary["claimants"].Outcome);
        Assert.Contains("OBS_VALUE", summary["claimants"].Cause);
        Assert.Empty(_lake.Snapshot("curated"));
    }

    [Fact]
    public async Task PullAsync_DuplicatePostingsAcrossPagesAndPulls_StoredOnce()
    {
        _server.Serve("/adzuna/1", Page(("a", "2026-01-05"), ("b", "2026-01-09"), ("c", "2026-02-01")));
        _server.Serve("/adzuna/2", Page(("c", "2026-02-01"), ("d", "2026-02-11")));
        _server.Serve("/adzuna/3", Page());
        var first = await _lake.PullAsync(Postings);

        _server.Serve("/adzuna/1", Page(("d", "2026-02-11"), ("e", "2026-02-20")));
        _server.Serve("/adzuna/2", Page(("a", "2026-01-05"), ("f", "2026-03-02")));
        var second = await _lake.PullAsync(Postings);

        var ids = (await _lake.ReadCuratedAsync<PostingRecord>(Datasets.LmiPostings)).Select(p => p.PostingId).Order().ToList();
        Assert.Equal(["a", "b", "c", "d", "e", "f"], ids);
        Assert.Equal(4, first["postings"].RowsNew);
        Assert.Equal(2, second["postings"].RowsNew);
    }

    [Fact]
    public async Task PullAsync_OnePageChangedOtherNotModified_KeepsTheUnchangedPagesRows()
    {
        var claimants = Claimants;
        claimants.Url = $"{_server.BaseUrl}/nomis/{{page}}.csv";
        claimants.MaxPages = 4;
        const string header = "DATE,GEOGRAPHY_NAME,GEOGRAPHY_CODE,MEASURES_NAME,OBS_VALUE\n";
        _server.Serve("/nomis/1.csv", header + "2026-01,Plymouth,E06000026,Value,4100\n");
        _server.Serve("/nomis/2.csv", header + "2026-01,Torbay,E06000027,Value,2900\n");
        _server.Serve("/nomis/3.csv", header);
        await _lake.PullAsync(claimants);

        _server.Serve("/nomis/2.csv", header + "2026-01,Torbay,E06000027,Value,2950\n");
        var summary = await _lake.PullAsync(claimants);

        Assert.Equal((1, 2), (summary["claimants"].PagesFetched, summary["claimants"].PagesUnchanged));
        var rows = await _lake.ReadCuratedAsync<ClaimantRecord>(Datasets.LmiClaimants);
        Assert.Equal([("E06000026", 4100), ("E06000027", 2950)], rows.Select(r => (r.GeographyCode, r.Claimants)).Order());
    }

    [Fact]
    public async Task PullAsync_NewPullOfAPeriod_ReplacesThatPeriodOnly()
    {
        const string header = "DATE,GEOGRAPHY_NAME,GEOGRAPHY_CODE,MEASURES_NAME,OBS_VALUE\n";
        _server.Serve("/nomis.csv", header + "2026-01,Plymouth,E06000026,Value,4100\n2026-02,Plymouth,E06000026,Value,4000\n");
        await _lake.PullAsync(Claimants);

        _server.Serve("/nomis.csv", header + "2026-02,Plymouth,E06000026,Value,3990\n2026-02,Torbay,E06000027,Value,2900\n");
        var summary = await _lake.PullAsync(Claimants);

        var rows = await _lake.ReadCuratedAsync<ClaimantRecord>(Datasets.LmiClaimants);
        Assert.Equal([4100, 3990, 2900], rows.Select(r => r.Claimants));
        Assert.True(summary["claimants"].Outcome == FeedOutcome.Updated, summary["claimants"].ToString());
        Assert.Equal(1, summary["claimants"].RowsNew);
        Assert.Equal(["2026-02"], summary["claimants"].Periods);
    }

    private static string Page(params (string Id, string Created)[] results) =>
        $$"""{"results":[{{string.Join(",", results.Select(r => $$"""{"id":"{{r.Id}}","title":"Senior Carer","created":"{{r.Created}}T09:00:00Z"}"""))}}]}""";

    [GeneratedRegex("\"id\": \"(\\d+)\"")]
    private static partial Regex IdProperty();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_keyVariable, null);
        _server.Dispose();
        _lake.Dispose();
    }
}
