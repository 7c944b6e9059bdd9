namespace Pipeline.Core.Uploads;

/// <summary>
/// The API addresses of a validation report: <c>/api/reports/{partner}/{dataset}/{file}</c>, where
/// {file} is the report's name in the lake without <c>.report.json</c> (the upload's name and the
/// first 8 hex digits of its SHA-256), and <c>?format=csv</c> for the CSV beside it.
/// </summary>
public sealed record ReportLinks(string Json, string Csv)
{
    public const string Route = "/api/reports";
    private const string JsonSuffix = ".report.json";

    /// <summary>The links of the report at this lake path (an ingestion record's ReportPath); null when there is none.</summary>
    public static ReportLinks? Of(string? reportPath)
    {
        var prefix = LakePaths.Reports + "/";
        if (reportPath is null || !reportPath.StartsWith(prefix, StringComparison.Ordinal) || !reportPath.EndsWith(JsonSuffix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = reportPath[prefix.Length..^JsonSuffix.Length].Split('/');
        if (parts.Length != 3)
        {
            return null;
        }
        var json = $"{Route}/{string.Join('/', parts.Select(Uri.EscapeDataString))}";
        return new ReportLinks(json, json + "?format=csv");
    }

    /// <summary>The lake path of a report the API names; <paramref name="csv"/> picks the CSV beside the JSON.</summary>
    public static string LakePath(string partner, string dataset, string file, bool csv) =>
        $"{LakePaths.Reports}/{partner}/{dataset}/{file}.report.{(csv ? "csv" : "json")}";
}
