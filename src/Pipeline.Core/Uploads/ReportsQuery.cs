namespace Pipeline.Core.Uploads;

/// <summary>
/// <c>GET /api/reports/{partner}/{dataset}/{file}</c>: one validation report as the lake holds it,
/// JSON, or the CSV beside it with <c>format=csv</c> (a download); that partner's users and coordinators only.
/// </summary>
public sealed class ReportsQuery(IObjectStore objects, ServingAccess access)
{
    public static readonly IReadOnlyList<string> Parameters = ["format"];

    public async Task<ServingResponse> AnswerAsync(Caller caller, string partner, string dataset, string file, QueryParameters parameters, CancellationToken cancellationToken)
    {
        if (access.Report(caller, partner).Refusal is { } refusal)
        {
            return refusal;
        }
        var errors = parameters.CheckNames(Parameters);
        var format = parameters.One("format", errors)?.ToLowerInvariant() ?? "json";
        if (format is not ("json" or "csv"))
        {
            errors.Add($"format must be json or csv; '{format}' is neither.");
        }
        if (!PartnerIds.IsValid(partner))
        {
            errors.Add(PartnerIds.NotAnId(partner));
        }
        if (!Datasets.IsUpload(dataset))
        {
            errors.Add($"'{dataset}' is not a dataset: reports are for {string.Join(" or ", Datasets.Uploads)}.");
        }
        if (UploadFileNames.SegmentProblem(file) is { } problem)
        {
            errors.Add(problem);
        }
        if (errors.Count > 0)
        {
            return ServingResponse.BadRequest(errors);
        }
        var csv = format == "csv";
        var path = ReportLinks.LakePath(partner, dataset, file, csv);
        if (await objects.GetInfoAsync(path, cancellationToken) is null)
        {
            return ServingResponse.NotFound($"There is no report '{file}' for {partner}'s {dataset}. Your list of uploads links to every report.");
        }
        var headers = csv
            ? new Dictionary<string, string> { ["Content-Disposition"] = $"attachment; filename=\"report.csv\"; filename*=UTF-8''{Uri.EscapeDataString(file + ".report.csv")}" }
            : null;
        return ServingResponse.Stream(csv ? ServingResponse.CsvType : ServingResponse.JsonType, async (output, token) =>
        {
            await using var report = await objects.OpenReadAsync(path, token);
            await report.CopyToAsync(output, token);
        }, headers);
    }
}
