using DuckDB.NET.Data;
using Pipeline.Runner;

namespace Pipeline.Integration.Tests.Runner;

/// <summary>
/// Issue 11's promise through the runner's verbs, on a new lake: an upload with two local titles
/// is refused; a partnership-wide and a partner-only mapping plus <c>reprocess --partner</c> accept
/// it with those roles; the other partner's identical upload stays refused for the partner-only title.
/// </summary>
public sealed class MappingsReprocessTests : IDisposable
{
    private const string Own = "north-trust";
    private const string Other = "south-care";
    private const string SharedTitle = "Band 3 Bank HCA (Nights)";
    private const string OwnTitle = "Ward Hostess Lead";
    private readonly string _folder = Directory.CreateTempSubdirectory("mappings-reprocess-").FullName;
    private string Lake => Path.Combine(_folder, "lake");

    [Fact]
    public async Task Reprocess_AfterPartnershipAndPartnerMappings_AcceptsOnlyWhereEveryTitleIsMapped()
    {
        var month = Period.Of(DateTimeOffset.UtcNow).AddMonths(-1);
        await File.WriteAllTextAsync(Path.Combine(_folder, "partners.csv"), $"id,name,sector,active\n{Own},North Trust,nhs_trust,yes\n{Other},South Care,care_provider,yes\n");
        Assert.Equal(RunnerApp.Ok, await RunAsync("partners", "import", Path.Combine(_folder, "partners.csv")));
        var upload = Path.Combine(_folder, "return.csv");
        await File.WriteAllTextAsync(upload, $"""
            period,role,site,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,starters,leavers
            {month},{SharedTitle},Ward 1,12.5,14,2,1,0
            {month},{OwnTitle},Ward 1,3,3,0.5,0,1

            """);

        Assert.Equal(RunnerApp.Refused, await RunAsync("ingest", upload, "--partner", Own, "--dataset", Datasets.Vacancies));
        Assert.Equal(RunnerApp.Refused, await RunAsync("ingest", upload, "--partner", Other, "--dataset", Datasets.Vacancies));

        var badMappings = Path.Combine(_folder, "bad-mappings.csv");
        await File.WriteAllTextAsync(badMappings, $"kind,text,code,partner\nrole,{SharedTitle},healthcare_assistant,\nrole,{OwnTitle},hostess,{Own}\n");
        Assert.Equal(RunnerApp.Refused, await RunAsync("mappings", "import", badMappings));
        Assert.Empty(await new MappingStore(Tables, TimeProvider.System).ListAsync(default));

        var mappings = Path.Combine(_folder, "mappings.csv");
        await File.WriteAllTextAsync(mappings, $"kind,text,code,partner\nrole,\"{SharedTitle}\",healthcare_assistant,\nrole,{OwnTitle},estates_ancillary,{Own}\n");
        Assert.Equal(RunnerApp.Ok, await RunAsync("mappings", "import", mappings));
        Assert.Equal(RunnerApp.Ok, await RunAsync("mappings", "list"));

        Assert.Equal(RunnerApp.Ok, await RunAsync("reprocess", "--partner", Own));

        var log = await new IngestionLog(Tables).ListAsync(partner: null, default);
        var own = Assert.Single(log, r => r.Partner == Own);
        Assert.Equal(IngestionStatus.Accepted, own.Status);
        Assert.NotNull(own.ReprocessedAt);
        Assert.Equal([("estates_ancillary", 3.0), ("healthcare_assistant", 12.5)], CuratedRoles(Own));
        var other = Assert.Single(log, r => r.Partner == Other);
        Assert.Equal(IngestionStatus.Refused, other.Status);
        Assert.Null(other.ReprocessedAt);

        Assert.Equal(RunnerApp.Ok, await RunAsync("reprocess"));

        other = Assert.Single(await new IngestionLog(Tables).ListAsync(Other, default));
        Assert.Equal(IngestionStatus.Refused, other.Status);
        Assert.Equal(1, other.Errors);
        Assert.Contains(OwnTitle, other.Message);
        Assert.Empty(CuratedRoles(Other));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SqliteTableStore Tables => new(Path.Combine(Lake, "_tables"));

    private Task<int> RunAsync(params string[] args) => RunnerApp.RunAsync([.. args, "--lake", Lake, "--quiet"]);

    private List<(string Role, double StaffInPostFte)> CuratedRoles(string partner)
    {
        var files = Path.Combine(Lake, LakePaths.Curated, Datasets.Vacancies);
        if (!Directory.EnumerateFiles(files, "*.parquet", SearchOption.AllDirectories).Any(f => f.Contains($"partner={partner}", StringComparison.Ordinal)))
        {
            return [];
        }
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"""
            SELECT role, staff_in_post_fte FROM read_parquet('{files}/**/*.parquet', hive_partitioning = true)
            WHERE partner = '{partner}' ORDER BY role
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, double)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetDouble(1)));
        }
        return rows;
    }
}
