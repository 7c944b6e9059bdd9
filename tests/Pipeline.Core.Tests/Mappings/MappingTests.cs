using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pipeline.Core.Tests.Mappings;

/// <summary>Issue 11: partnership mappings, their precedence and history, reprocessing and the unmapped list.</summary>
public sealed class MappingTests : IDisposable
{
    private const string LocalTitle = "Band 3 Bank HCA (Nights)";
    private static readonly Period Month = TestLake.LastMonth;
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly TestLake _lake = TestLake.ForIngestion();
    private readonly string _file = Path.Combine(Path.GetTempPath(), "mappings-" + Guid.NewGuid().ToString("N") + ".csv");

    private MappingStore Store => new(_lake.Tables, TimeProvider.System);

    [Fact]
    public async Task Ingest_PartnerMapping_AppliesToThatPartnerOnly()
    {
        await Store.SaveAsync([new VocabularyMapping(VocabularyKinds.Role, LocalTitle, "healthcare_assistant", TestLake.Partner)], default);
        var content = Returns.Vacancies(Returns.Row(Month, role: LocalTitle));

        var own = await _lake.IngestAsync("return.csv", content, Monday);
        var other = await _lake.IngestAsync("return.csv", content, Monday, partner: TestLake.OtherPartner);

        Assert.Equal(IngestionStatus.Accepted, own.Status);
        var row = Assert.Single(await _lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month));
        Assert.Equal(("healthcare_assistant", "clinical_support"), (row.Role, row.StaffGroup));
        Assert.Equal(IngestionStatus.Refused, other.Status);
    }

    [Fact]
    public async Task Vocabulary_PartnerMapping_WinsOverPartnershipMappingAndShippedAlias()
    {
        await Store.SaveAsync([
            new VocabularyMapping(VocabularyKinds.Role, "Support Worker", "healthcare_assistant", null),
            new VocabularyMapping(VocabularyKinds.Role, "support  worker!", "home_care_worker", TestLake.Partner),
        ], default);

        Assert.Equal("home_care_worker", (await Store.VocabularyForAsync(TestLake.Partner, default)).Find(VocabularyKinds.Role, "Support Worker")?.Code);
        Assert.Equal("healthcare_assistant", (await Store.VocabularyForAsync(TestLake.OtherPartner, default)).Find(VocabularyKinds.Role, "SUPPORT WORKER")?.Code);
        Assert.Equal("care_worker", new Vocabulary(TestLake.Partner, []).Find(VocabularyKinds.Role, "Support Worker")?.Code);
    }

    [Fact]
    public async Task Vocabulary_NearMatch_IsNeverApplied()
    {
        var vocabulary = await Store.VocabularyForAsync(TestLake.Partner, default);

        Assert.Null(vocabulary.Resolve(VocabularyKinds.Role, "Registred Nurse"));
        Assert.Equal("Registered Nurse", Vocabulary.Suggest(VocabularyKinds.Role, "Registred Nurse"));
        Assert.Equal(new UnmappedText(VocabularyKinds.Role, "Registred Nurse", 1), Assert.Single(vocabulary.Unmapped));
    }

    [Theory]
    [InlineData("role,Bank Carer,carer,", "'carer' is not a role code")]
    [InlineData("grade,Band 3,care_worker,", "'grade' is not a kind of mapping")]
    [InlineData("role,Bank Carer,care_worker,no-such-partner", "'no-such-partner' is not a registered partner")]
    [InlineData("reason,,other,", "the text is blank")]
    public async Task MappingFile_OneBadLine_RefusesTheWholeFile(string badLine, string problem)
    {
        File.WriteAllText(_file, $"kind,text,code,partner\nrole,Night Carer,care_worker,\n{badLine}\ndestination,Went to the NHS,other_health_care,{TestLake.Partner}\n");

        var result = await MappingFile.ReadAsync(_file, new PartnerRegistry(_lake.Tables), default);

        Assert.Empty(result.Mappings);
        Assert.Contains(problem, Assert.Single(result.Problems));
        Assert.StartsWith("Line 3:", result.Problems[0]);
    }

    [Fact]
    public async Task MappingFile_GoodLines_AreReadWithBlankPartnerForEveryPartner()
    {
        File.WriteAllText(_file, $"kind,text,code,partner\nrole,Night Carer,care_worker,\nREASON,Moved to Cornwall,relocation,{TestLake.Partner}\n");

        var result = await MappingFile.ReadAsync(_file, new PartnerRegistry(_lake.Tables), default);

        Assert.Empty(result.Problems);
        Assert.Equal([new VocabularyMapping("role", "Night Carer", "care_worker", null), new VocabularyMapping("reason", "Moved to Cornwall", "relocation", TestLake.Partner)], result.Mappings);
    }

    [Fact]
    public async Task MappingFile_Written_IsCommaSeparatedAndReadsBackTheSame()
    {
        VocabularyMapping[] mappings = [new("role", "Community, Support and Outreach Work", "care_worker", null), new("role", "Ward \"Host\"", "estates_ancillary", TestLake.Partner)];
        using (var writer = new StreamWriter(_file))
        {
            MappingFile.Write(mappings, writer);
        }

        Assert.StartsWith("kind,text,code,partner", File.ReadAllText(_file));
        Assert.Equal(mappings, (await MappingFile.ReadAsync(_file, new PartnerRegistry(_lake.Tables), default)).Mappings);
    }

    [Fact]
    public void MappingFile_NoMappings_IsStillTheImportFilesHeader()
    {
        using var writer = new StringWriter();

        MappingFile.Write([], writer);

        Assert.Equal("kind,text,code,partner", writer.ToString().TrimEnd());
    }

    [Fact]
    public async Task Save_ChangedCode_IsRecordedInTheHistoryWithItsTime()
    {
        var mapping = new VocabularyMapping(VocabularyKinds.Role, "Night Carer", "care_worker", null);
        Assert.Equal(1, await Store.SaveAsync([mapping], default));
        Assert.Equal(0, await Store.SaveAsync([mapping], default));
        Assert.Equal(1, await Store.SaveAsync([mapping with { Code = "senior_care_worker" }], default));

        Assert.Equal([mapping with { Code = "senior_care_worker" }], await Store.ListAsync(default));
        var history = await Store.HistoryAsync(default);
        Assert.Equal([(null, "care_worker"), ("care_worker", "senior_care_worker")], history.Select(c => (c.PreviousCode, c.Mapping.Code)));
        Assert.True(history[0].ChangedAt <= history[1].ChangedAt && history[1].ChangedAt <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Reprocess_AfterMapping_AcceptsTheRefusedUploadAndRewritesItsReport()
    {
        var refused = await _lake.IngestAsync("return.csv", Returns.Vacancies(Returns.Row(Month, role: LocalTitle)), Monday);
        Assert.Equal(IngestionStatus.Refused, refused.Status);
        await Store.SaveAsync([new VocabularyMapping(VocabularyKinds.Role, LocalTitle, "healthcare_assistant", null)], default);

        var results = await ReprocessAllAsync();

        var record = Assert.Single(results);
        Assert.Equal(IngestionStatus.Accepted, record.Status);
        Assert.Equal(Monday, record.UploadedAt);
        Assert.NotNull(record.ReprocessedAt);
        var logged = Assert.Single(await _lake.Log.ListAsync(TestLake.Partner, default));
        Assert.Equal((record.Status, record.ReprocessedAt, record.UploadedAt), (logged.Status, logged.ReprocessedAt, logged.UploadedAt));
        Assert.Equal("healthcare_assistant", Assert.Single(await _lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month)).Role);
        using var report = await _lake.ReportAsync(record);
        Assert.Equal(IngestionStatus.Accepted, report.RootElement.GetProperty("status").GetString());
        Assert.Empty(await ListQuarantineAsync(record));
    }

    [Fact]
    public async Task Reprocess_IngestionLogMyUploadsAndReport_SayWhenItWasReprocessed()
    {
        await _lake.IngestAsync("return.csv", Returns.Vacancies(Returns.Row(Month, role: LocalTitle)), Monday);
        await _lake.IngestAsync("never-refused.csv", Returns.Vacancies(Returns.Row(Month, role: "HCA", site: "Ward 9")), Monday.AddDays(1));
        await Store.SaveAsync([new VocabularyMapping(VocabularyKinds.Role, LocalTitle, "healthcare_assistant", null)], default);

        var record = Assert.Single(await ReprocessAllAsync());

        var reprocessedAt = record.ReprocessedAt!.Value.UtcDateTime;
        var partners = _lake.Get<PartnerRegistry>();
        using var ingestions = await JsonAsync(new PartnerIngestionsQuery(partners, _lake.Log, Access)
            .AnswerAsync(Coordinator, TestLake.Partner, new QueryParameters([]), default));
        using var myUploads = await JsonAsync(new MyUploadsQuery(partners, _lake.Log, Access, _lake.Options)
            .AnswerAsync(new Caller.PartnerUser(TestLake.Partner, "pat@test"), new QueryParameters([]), default));
        using var report = await _lake.ReportAsync(record);
        var expected = new Dictionary<string, DateTime?> { ["return.csv"] = reprocessedAt, ["never-refused.csv"] = null };
        Assert.Equal(expected, ReprocessedAtByFile(ingestions.RootElement.GetProperty("ingestions")));
        Assert.Equal(expected, ReprocessedAtByFile(myUploads.RootElement.GetProperty("uploads")));
        Assert.Equal(reprocessedAt, report.RootElement.GetProperty("reprocessed_at").GetDateTime());
    }

    private static Dictionary<string, DateTime?> ReprocessedAtByFile(JsonElement uploads) =>
        uploads.EnumerateArray().ToDictionary(
            u => u.GetProperty("file_name").GetString()!,
            u => u.GetProperty("reprocessed_at") is { ValueKind: JsonValueKind.String } at ? at.GetDateTime() : (DateTime?)null);

    private static async Task<JsonDocument> JsonAsync(Task<ServingResponse> answer)
    {
        using var body = new MemoryStream();
        await (await answer).WriteBodyAsync(body, default);
        return JsonDocument.Parse(body.ToArray());
    }

    [Fact]
    public async Task Reprocess_LaterUploadForTheMonth_StillWins()
    {
        await _lake.IngestAsync("first.csv", Returns.Vacancies(Returns.Row(Month, role: LocalTitle, vacancies: "10")), Monday);
        var later = await _lake.IngestAsync("second.csv", Returns.Vacancies(Returns.Row(Month, role: "HCA", vacancies: "4")), Monday.AddDays(1));
        Assert.Equal(IngestionStatus.Accepted, later.Status);
        await Store.SaveAsync([new VocabularyMapping(VocabularyKinds.Role, LocalTitle, "healthcare_assistant", null)], default);

        var record = Assert.Single(await ReprocessAllAsync());

        Assert.True(IngestionStatus.IsAccepted(record.Status));
        Assert.Equal([Month.ToString()], record.SupersededPeriods);
        Assert.Equal(4, Assert.Single(await _lake.ReadCuratedAsync<VacancyRecord>(Datasets.Vacancies, Month)).VacanciesFte);
    }

    [Fact]
    public async Task Reprocess_StillUnknown_StaysRefusedWithAFreshReport()
    {
        var refused = await _lake.IngestAsync("return.csv", Returns.Vacancies(Returns.Row(Month, role: "Band 3 HCAs")), Monday);

        var record = Assert.Single(await ReprocessAllAsync());

        Assert.Equal(IngestionStatus.Refused, record.Status);
        Assert.True(record.StartedAt > refused.StartedAt);
        Assert.NotEmpty(await ListQuarantineAsync(record));
        using var report = await _lake.ReportAsync(record);
        var issue = report.RootElement.GetProperty("issues").EnumerateArray().Single();
        Assert.Contains("coordinator can add a mapping", issue.GetProperty("message").GetString());
        Assert.Equal("Did you mean Healthcare Assistant?", issue.GetProperty("fix").GetString());
    }

    [Fact]
    public async Task Unmapped_CountsRowsAndUploadsPerPartnerAndDropsWhatIsMappedSince()
    {
        var nights = Returns.Row(Month, role: LocalTitle, site: "Ward 1");
        await _lake.IngestAsync("a.csv", Returns.Vacancies(nights, Returns.Row(Month, role: "band 3 bank hca nights", site: "Ward 2"), Returns.Row(Month, role: "Ward Hostess Lead", site: "Ward 3")), Monday);
        await _lake.IngestAsync("b.csv", Returns.Vacancies(nights, Returns.Row(Month, role: "HCA", site: "Ward 4")), Monday.AddDays(1));
        await _lake.IngestAsync("c.csv", Returns.Vacancies(nights), Monday.AddDays(2), partner: TestLake.OtherPartner);
        await _lake.IngestAsync("exits.csv", $"{Returns.ExitsHeader}\nL1,{Month.FirstDay:yyyy-MM-dd},HCA,,Moved to Cornwall,Went to the NHS,yes,25-34,\nL2,{Month.FirstDay:yyyy-MM-dd},HCA,,Moved to Cornwall,,yes,25-34,\n", Monday, Datasets.Exits);
        var query = new UnmappedQuery(Store, new UnmappedLog(_lake.Tables), Access);

        var before = await query.ListAsync(partner: null, kind: null, default);

        Assert.Equal(
        [
            ("role", TestLake.Partner, 3, 2, Monday.AddDays(1).UtcDateTime),
            ("reason", TestLake.Partner, 2, 1, Monday.UtcDateTime),
            ("role", TestLake.OtherPartner, 1, 1, Monday.AddDays(2).UtcDateTime),
            ("role", TestLake.Partner, 1, 1, Monday.UtcDateTime),
            ("destination", TestLake.Partner, 1, 1, Monday.UtcDateTime),
        ], before.Select(e => (e.Kind, e.Partner, e.Rows, e.Uploads, e.LastSeen)));
        Assert.Equal([LocalTitle, "Moved to Cornwall", LocalTitle, "Ward Hostess Lead", "Went to the NHS"], before.Select(e => e.Text));

        await Store.SaveAsync([new VocabularyMapping(VocabularyKinds.Role, LocalTitle, "healthcare_assistant", TestLake.Partner)], default);
        var after = await query.ListAsync(partner: TestLake.Partner, kind: VocabularyKinds.Role, default);

        Assert.Equal(["Ward Hostess Lead"], after.Select(e => e.Text));
    }

    [Fact]
    public async Task ReprocessRequest_PartnerScope_ReprocessesOnlyThatPartnersRefusedUploads()
    {
        var content = Returns.Vacancies(Returns.Row(Month, role: LocalTitle));
        await _lake.IngestAsync("return.csv", content, Monday);
        await _lake.IngestAsync("return.csv", content, Monday, partner: TestLake.OtherPartner);
        await Store.SaveAsync([new VocabularyMapping(VocabularyKinds.Role, LocalTitle, "healthcare_assistant", null)], default);
        var request = new ReprocessRequest(new Reprocessing(_lake.Service, _lake.Log), Access);

        var answer = await request.AnswerAsync(Coordinator, new QueryParameters([KeyValuePair.Create("partner", TestLake.Partner), KeyValuePair.Create("dataset", Datasets.Vacancies)]), default);

        Assert.Equal(200, answer.StatusCode);
        using var body = new MemoryStream();
        await answer.WriteBodyAsync(body, default);
        using var json = System.Text.Json.JsonDocument.Parse(body.ToArray());
        Assert.Equal(1, json.RootElement.GetProperty("reprocessed").GetInt32());
        Assert.Equal(IngestionStatus.Accepted, json.RootElement.GetProperty("uploads")[0].GetProperty("status").GetString());
        Assert.Equal(IngestionStatus.Refused, Assert.Single(await _lake.Log.ListAsync(TestLake.OtherPartner, default)).Status);
    }

    [Fact]
    public async Task ReprocessRequest_UnknownDataset_Is400()
    {
        var request = new ReprocessRequest(new Reprocessing(_lake.Service, _lake.Log), Access);

        var answer = await request.AnswerAsync(Coordinator, new QueryParameters([KeyValuePair.Create("dataset", "payroll")]), default);

        Assert.Equal(400, answer.StatusCode);
    }

    [Fact]
    public async Task Unmapped_ReprocessedUpload_IsCountedOnce()
    {
        await _lake.IngestAsync("a.csv", Returns.Vacancies(Returns.Row(Month, role: LocalTitle)), Monday);

        await ReprocessAllAsync();
        await ReprocessAllAsync();

        Assert.Equal(1, Assert.Single(await new UnmappedQuery(Store, new UnmappedLog(_lake.Tables), Access).ListAsync(null, null, default)).Rows);
    }

    [Fact]
    public async Task ReprocessAndUnmapped_PartnerUserOrNoOne_AreRefused()
    {
        var partnerUser = new Caller.PartnerUser(TestLake.Partner, "pat@test");
        var reprocess = new ReprocessRequest(new Reprocessing(_lake.Service, _lake.Log), Access);
        var unmapped = new UnmappedQuery(Store, new UnmappedLog(_lake.Tables), Access);

        Assert.Equal(403, (await reprocess.AnswerAsync(partnerUser, new QueryParameters([]), default)).StatusCode);
        Assert.Equal(401, (await reprocess.AnswerAsync(Caller.Anonymous, new QueryParameters([]), default)).StatusCode);
        Assert.Equal(403, (await unmapped.AnswerAsync(partnerUser, new QueryParameters([]), default)).StatusCode);
        Assert.Equal(401, (await unmapped.AnswerAsync(Caller.Anonymous, new QueryParameters([]), default)).StatusCode);
    }

    private static ServingAccess Access => new(NullLogger<ServingAccess>.Instance);

    private static Caller Coordinator => new Caller.Coordinator("coordinator@test");

    public void Dispose()
    {
        _lake.Dispose();
        File.Delete(_file);
    }

    private async Task<IReadOnlyList<IngestionRecord>> ReprocessAllAsync()
    {
        var reprocessing = new Reprocessing(_lake.Service, _lake.Log);
        return await reprocessing.ReprocessAsync(await reprocessing.RefusedAsync(null, null, default), afterEach: null, default);
    }

    private async Task<List<string>> ListQuarantineAsync(IngestionRecord record)
    {
        var files = new List<string>();
        await foreach (var file in _lake.Objects.ListAsync(LakePaths.QuarantineFolder(record.Partner, record.Dataset, record.Sha256), default))
        {
            files.Add(file.Path);
        }
        return files;
    }
}
