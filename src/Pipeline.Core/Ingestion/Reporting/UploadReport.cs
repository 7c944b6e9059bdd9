namespace Pipeline.Core.Ingestion.Reporting;

/// <summary>
/// The validation report a partner reads for every upload: JSON (summary and every issue)
/// and CSV (the issue table, for Excel). Both are made once, locally, from the issue spool,
/// then uploaded to every place the report belongs (reports/, and quarantine/ when refused).
/// </summary>
public static class UploadReport
{
    public const string IssuesProperty = "issues";

    /// <summary>Indented with LF line ends on every platform, so the spool's issue list splices in as it is.</summary>
    public static readonly JsonWriterOptions JsonOptions = new() { Indented = true, NewLine = "\n" };

    /// <summary>Closes the spool, then writes <c>{basePath}.json</c> and <c>{basePath}.csv</c> under each of <paramref name="basePaths"/>.</summary>
    public static async Task WriteAsync(IObjectStore store, IReadOnlyList<string> basePaths, IngestionRecord record, string summary, IssueSpool issues, CancellationToken cancellationToken)
    {
        issues.Close();
        var jsonPath = Path.ChangeExtension(issues.CsvPath, ".json");
        try
        {
            await WriteJsonAsync(jsonPath, record, summary, issues.IssuesJsonPath, cancellationToken);
            foreach (var basePath in basePaths)
            {
                await UploadAsync(store, basePath + ".csv", issues.CsvPath, cancellationToken);
                await UploadAsync(store, basePath + ".json", jsonPath, cancellationToken);
            }
        }
        finally
        {
            File.Delete(jsonPath);
        }
    }

    private static async Task UploadAsync(IObjectStore store, string path, string file, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(file);
        await store.WriteAsync(path, content, cancellationToken);
    }

    /// <summary>
    /// The summary fields, then the spool's <c>"issues"</c> member copied byte for byte: the
    /// spool wrote it as <c>{\n  "issues": [...]\n}</c>, so everything after its opening
    /// <c>{\n</c> is the rest of this object, closing brace included.
    /// </summary>
    private static async Task WriteJsonAsync(string target, IngestionRecord record, string summary, string issuesJson, CancellationToken cancellationToken)
    {
        await using var output = File.Create(target);
        await using (var json = new Utf8JsonWriter(output, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("file", record.FileName);
            json.WriteString("partner", record.Partner);
            json.WriteString("dataset", record.Dataset);
            json.WriteString("sha256", record.Sha256);
            json.WriteString("uploaded_at", record.UploadedAt.UtcDateTime);
            json.WriteString("processed_at", record.FinishedAt.UtcDateTime);
            if (record.ReprocessedAt is { } reprocessedAt)
            {
                json.WriteString("reprocessed_at", reprocessedAt.UtcDateTime);
            }
            else
            {
                json.WriteNull("reprocessed_at");
            }
            json.WriteString("status", record.Status);
            json.WriteString("summary", summary);
            json.WriteNumber("rows_in", record.RowsIn);
            json.WriteNumber("rows_accepted", record.RowsAccepted);
            json.WriteNumber("rows_refused", record.RowsRefused);
            json.WriteNumber("errors", record.Errors);
            json.WriteNumber("warnings", record.Warnings);
            WriteStrings(json, "periods", record.Periods);
            WriteStrings(json, "superseded_periods", record.SupersededPeriods);
            await json.FlushAsync(cancellationToken);
        }
        await output.WriteAsync(",\n"u8.ToArray(), cancellationToken);
        await using var issues = File.OpenRead(issuesJson);
        issues.Position = "{\n".Length;
        await issues.CopyToAsync(output, cancellationToken);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
