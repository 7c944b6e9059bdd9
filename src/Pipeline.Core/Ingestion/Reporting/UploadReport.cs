using System.Text.Json;
using nietras.SeparatedValues;
using Pipeline.Core.Output;
using Pipeline.Core.Storage;

namespace Pipeline.Core.Ingestion.Reporting;

/// <summary>
/// The validation report a partner reads for every upload: JSON (summary and every issue)
/// and CSV (the issue table, for Excel), written beside each other under reports/.
/// </summary>
public static class UploadReport
{
    /// <summary>Writes <c>{basePath}.json</c> and <c>{basePath}.csv</c> from the record and the closed issue spool.</summary>
    public static async Task WriteAsync(IObjectStore store, string basePath, IngestionRecord record, string summary, string issuesCsv, CancellationToken cancellationToken)
    {
        var csvPath = issuesCsv + ".report.csv";
        var jsonPath = issuesCsv + ".report.json";
        try
        {
            WriteSpreadsheetSafeCsv(csvPath, issuesCsv);
            await using (var json = File.Create(jsonPath))
            {
                WriteJson(json, record, summary, issuesCsv);
            }
            await UploadAsync(store, basePath + ".csv", csvPath, cancellationToken);
            await UploadAsync(store, basePath + ".json", jsonPath, cancellationToken);
        }
        finally
        {
            File.Delete(csvPath);
            File.Delete(jsonPath);
        }
    }

    private static async Task UploadAsync(IObjectStore store, string path, string file, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(file);
        await store.WriteAsync(path, content, cancellationToken);
    }

    /// <summary>The issue table with every text cell neutralised against formula injection; a BOM so Excel reads UTF-8.</summary>
    private static void WriteSpreadsheetSafeCsv(string target, string issuesCsv)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(issuesCsv);
        using var text = new StreamWriter(target, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text);
        writer.Header.Add(IssueSpool.Columns);
        writer.Header.Write();
        foreach (var issue in reader)
        {
            using var row = writer.NewRow();
            foreach (var column in IssueSpool.Columns)
            {
                row[column].Set(SpreadsheetSafe.Text(issue[column].ToString()));
            }
        }
    }

    private static void WriteJson(Stream output, IngestionRecord record, string summary, string issuesCsv)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("file", record.FileName);
        json.WriteString("partner", record.Partner);
        json.WriteString("dataset", record.Dataset);
        json.WriteString("sha256", record.Sha256);
        json.WriteString("uploaded_at", record.UploadedAt.UtcDateTime);
        json.WriteString("processed_at", record.FinishedAt.UtcDateTime);
        json.WriteString("status", record.Status);
        json.WriteString("summary", summary);
        json.WriteNumber("rows_in", record.RowsIn);
        json.WriteNumber("rows_accepted", record.RowsAccepted);
        json.WriteNumber("rows_refused", record.RowsRefused);
        json.WriteNumber("errors", record.Errors);
        json.WriteNumber("warnings", record.Warnings);
        WriteStrings(json, "periods", record.Periods);
        WriteStrings(json, "superseded_periods", record.SupersededPeriods);
        json.WriteStartArray("issues");
        using (var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(issuesCsv))
        {
            foreach (var row in reader)
            {
                WriteIssue(json, row);
                json.Flush();
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIssue(Utf8JsonWriter json, SepReader.Row row)
    {
        json.WriteStartObject();
        json.WriteString("severity", row["severity"].ToString());
        json.WriteNumber("row", row["row"].Parse<int>());
        WriteOptional(json, "sheet", row["sheet"].ToString());
        WriteOptional(json, "column", row["column"].ToString());
        WriteOptional(json, "value", row["value"].ToString());
        json.WriteString("rule", row["rule"].ToString());
        json.WriteString("message", row["message"].ToString());
        WriteOptional(json, "fix", row["fix"].ToString());
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string value)
    {
        if (value.Length == 0)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
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
