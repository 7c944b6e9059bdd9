namespace Pipeline.Core.Serving;

public sealed record ReprocessReport(string? Partner, string? Dataset, int Reprocessed, IReadOnlyList<IngestionSummary> Uploads);

/// <summary>
/// <c>POST /api/reprocess[?partner=ID][&amp;dataset=DATASET]</c>: what <c>pipeline reprocess</c> does,
/// for coordinators only; answers with each upload's new outcome.
/// </summary>
public sealed class ReprocessRequest(Reprocessing reprocessing, ServingAccess access)
{
    private static readonly string[] Allowed = ["partner", "dataset"];

    public async Task<ServingResponse> AnswerAsync(Caller caller, QueryParameters parameters, CancellationToken cancellationToken)
    {
        if (access.Reprocess(caller).Refusal is { } refusal)
        {
            return refusal;
        }
        var errors = parameters.CheckNames(Allowed);
        var partner = parameters.One("partner", errors);
        var dataset = parameters.One("dataset", errors);
        errors.AddRange(Reprocessing.CheckScope(partner, dataset));
        if (errors.Count > 0)
        {
            return ServingResponse.BadRequest(errors);
        }
        var refused = await reprocessing.RefusedAsync(partner, dataset, cancellationToken);
        var results = await reprocessing.ReprocessAsync(refused, afterEach: null, cancellationToken);
        return ServingResponse.Json(new ReprocessReport(partner, dataset, results.Count, results.Select(IngestionSummary.Of).ToList()));
    }
}
