namespace Pipeline.Core.Ingestion;

/// <summary>
/// Every refused upload in scope processed again from raw (SPEC "pipeline reprocess"), oldest
/// upload first, for the runner and the coordinators' HTTP call alike.
/// </summary>
public sealed class Reprocessing(IngestionService ingestion, IngestionLog log)
{
    /// <summary>The problems with a scope, in plain English; empty when it is good.</summary>
    public static IReadOnlyList<string> CheckScope(string? partner, string? dataset)
    {
        var problems = new List<string>();
        if (partner is not null && !PartnerIds.IsValid(partner))
        {
            problems.Add(PartnerIds.NotAnId(partner));
        }
        if (dataset is not null && !Datasets.IsUpload(dataset))
        {
            problems.Add($"'{dataset}' is not a dataset partners upload: use {string.Join(" or ", Datasets.Uploads)}.");
        }
        return problems;
    }

    /// <summary>The refused uploads of one partner and/or dataset (or all), oldest upload first.</summary>
    public async Task<IReadOnlyList<IngestionRecord>> RefusedAsync(string? partner, string? dataset, CancellationToken cancellationToken) =>
        (await log.ListAsync(partner, cancellationToken))
            .Where(r => r.Status == IngestionStatus.Refused && (dataset is null || r.Dataset == dataset) && r.RawPath is not null)
            .OrderBy(r => r.UploadedAt).ThenBy(r => r.LandingPath, StringComparer.Ordinal)
            .ToList();

    /// <summary>Processes each again; a system failure is logged as such (the service records it) and the rest go on.</summary>
    public async Task<IReadOnlyList<IngestionRecord>> ReprocessAsync(IReadOnlyList<IngestionRecord> refused, Action? afterEach, CancellationToken cancellationToken)
    {
        var results = new List<IngestionRecord>();
        foreach (var upload in refused)
        {
            try
            {
                results.Add(await ingestion.ReprocessAsync(upload, cancellationToken));
            }
            catch (IngestionFailedException e)
            {
                results.Add(e.Record);
            }
            afterEach?.Invoke();
        }
        return results;
    }
}
