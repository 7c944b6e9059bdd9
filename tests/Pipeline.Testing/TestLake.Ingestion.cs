namespace Pipeline.Testing;

/// <summary>The lake as the ingestion tests use it: partners to upload as, and uploads in and reports out.</summary>
public sealed partial class TestLake
{
    public const string Partner = "nhs-north";
    public const string OtherPartner = "care-south";
    public const string InactivePartner = "closed-home";

    /// <summary>The reporting month before the current one: always valid, never in the future.</summary>
    public static Period LastMonth => Period.Of(DateTimeOffset.UtcNow).AddMonths(-1);

    /// <summary>A lake with two active partners (<see cref="Partner"/>, <see cref="OtherPartner"/>) and an inactive one.</summary>
    /// <param name="now">When set, a clock the test moves (past a dead holder's lease, say); otherwise the system clock.</param>
    public static TestLake ForIngestion(Action<PipelineOptions>? configure = null, DateTimeOffset? now = null)
    {
        var lake = new TestLake(configure, now);
        lake.AddPartnerAsync(new Partner(Partner, "North NHS Trust", "nhs_trust", true)).GetAwaiter().GetResult();
        lake.AddPartnerAsync(new Partner(OtherPartner, "South Care", "care_provider", true)).GetAwaiter().GetResult();
        lake.AddPartnerAsync(new Partner(InactivePartner, "Closed Home", "care_provider", false)).GetAwaiter().GetResult();
        return lake;
    }

    public Task<IngestionRecord> IngestAsync(string fileName, string content, DateTimeOffset? uploadedAt = null, string dataset = Datasets.Vacancies, string partner = Partner) =>
        IngestAsync(fileName, Encoding.UTF8.GetBytes(content), uploadedAt, dataset, partner);

    public async Task<IngestionRecord> IngestAsync(string fileName, byte[] content, DateTimeOffset? uploadedAt = null, string dataset = Datasets.Vacancies, string partner = Partner)
    {
        using var stream = new MemoryStream(content);
        return await Service.IngestAsync(LakePaths.LandingFile(partner, dataset, fileName), uploadedAt ?? DateTimeOffset.UtcNow, stream, CancellationToken.None);
    }

    /// <summary>Every curated file with its bytes, to prove a refusal changed nothing.</summary>
    public IReadOnlyDictionary<string, string> CuratedSnapshot() => Snapshot(LakePaths.Curated);

    public Task<List<T>> ReadCuratedAsync<T>(string dataset, Period period, string partner = Partner) where T : class, new() =>
        ReadPartsAsync<T>(LakePaths.CuratedPartition(dataset, period.ToString(), partner));

    public async Task<JsonDocument> ReportAsync(IngestionRecord record)
    {
        await using var stream = await Objects.OpenReadAsync(record.ReportPath!, CancellationToken.None);
        return await JsonDocument.ParseAsync(stream);
    }
}

/// <summary>Small vacancy returns written as partners write them.</summary>
public static class Returns
{
    public const string Header = "period,role,site,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,vacancies_advertised,applications,starters,leavers";

    public static string Vacancies(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    public static string Row(Period period, string role = "registered_nurse", string site = "Main", string inPost = "100", string headcount = "110", string vacancies = "10", string starters = "3", string leavers = "2") =>
        $"{period},{role},{site},{inPost},{headcount},{vacancies},4,20,{starters},{leavers}";

    public const string ExitsHeader = "leaver_id,leave_date,role,start_date,reason,destination,would_return,age_band,comments";
}
