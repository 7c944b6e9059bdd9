using System.Collections;

namespace Pipeline.Core.Ingestion.Reporting;

/// <summary>
/// Every issue of one upload, written as it is found to the two local files the report is made
/// of (so memory stays flat however many there are): the report's CSV, final as it stands, and
/// the issue list of its JSON. Keeps the counts the log and the summary need, and the first
/// issues for a caller to show at once.
/// </summary>
public sealed class IssueSpool : IDisposable
{
    /// <summary>How many issues <see cref="FirstIssues"/> keeps.</summary>
    public const int FirstIssuesKept = 20;

    /// <summary>One issue as the report's CSV and JSON write it. Empty optional texts are null (blank in CSV).</summary>
    public static readonly RowSchema<ValidationIssue> Schema = new(c =>
    [
        c.Text("severity", issue => issue.Severity == Severity.Error ? "error" : "warning"),
        c.WholeNumber("row", issue => issue.Row),
        c.Text("sheet", issue => Blank(issue.Sheet)),
        c.Text("column", issue => Blank(issue.Column)),
        c.Text("value", issue => Blank(issue.Value)),
        c.Text("rule", issue => issue.Rule),
        c.Text("message", issue => issue.Message),
        c.Text("fix", issue => Blank(issue.Fix)),
    ]);

    private readonly StreamWriter _csvFile;
    private readonly RowCsvWriter<ValidationIssue> _csv = new(Schema);
    private readonly FileStream _jsonFile;
    private readonly Utf8JsonWriter _json;
    private readonly BitArray _rowsWithErrors = new(1024);
    private readonly List<ValidationIssue> _firstIssues = [];
    private bool _closed;

    /// <param name="basePath">Local path the files are named from: <c>{basePath}.csv</c> and <c>{basePath}.issues.json</c>.</param>
    public IssueSpool(string basePath)
    {
        CsvPath = basePath + ".csv";
        IssuesJsonPath = basePath + ".issues.json";
        // A byte order mark, so Excel reads the CSV as UTF-8.
        _csvFile = new StreamWriter(CsvPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        _jsonFile = File.Create(IssuesJsonPath);
        _json = new Utf8JsonWriter(_jsonFile, UploadReport.JsonOptions);
        _json.WriteStartObject();
        _json.WriteStartArray(UploadReport.IssuesProperty);
    }

    /// <summary>The report's CSV: the issue table, every text cell neutralised against formula injection.</summary>
    public string CsvPath { get; }

    /// <summary><c>{"issues": [...]}</c>, indented as the report JSON's member (see <see cref="UploadReport"/>).</summary>
    public string IssuesJsonPath { get; }

    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    /// <summary>Data rows with at least one error (file-level issues are row 0 or 1 and not counted).</summary>
    public int RowsWithErrors { get; private set; }

    /// <summary>The first file-level error, for the log's one-line message.</summary>
    public ValidationIssue? FirstError { get; private set; }

    /// <summary>The first <see cref="FirstIssuesKept"/> issues, in report order.</summary>
    public IReadOnlyList<ValidationIssue> FirstIssues => _firstIssues;

    public void Add(ValidationIssue issue)
    {
        if (issue.Severity == Severity.Error)
        {
            Errors++;
            FirstError ??= issue;
            MarkRow(issue.Row);
        }
        else
        {
            Warnings++;
        }
        if (_firstIssues.Count < FirstIssuesKept)
        {
            _firstIssues.Add(issue);
        }
        _csv.Add(issue);
        if (_csv.ShouldFlush)
        {
            _csv.FlushTo(_csvFile);
        }
        RowJson.WriteObject(_json, Schema, issue);
        if (_json.BytesPending > 1 << 15)
        {
            _json.Flush();
        }
    }

    public bool RowHasErrors(int row) => row < _rowsWithErrors.Length && _rowsWithErrors[row];

    public void AddRange(IEnumerable<ValidationIssue> issues)
    {
        foreach (var issue in issues)
        {
            Add(issue);
        }
    }

    /// <summary>Finishes both files; no issue can be added after.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        _csv.FlushTo(_csvFile);
        _csv.Dispose();
        _csvFile.Dispose();
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Dispose();
        _jsonFile.Dispose();
    }

    public void Dispose() => Close();

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private void MarkRow(int row)
    {
        if (row < 2)
        {
            return;
        }
        if (row >= _rowsWithErrors.Length)
        {
            _rowsWithErrors.Length = Math.Max(row + 1, _rowsWithErrors.Length * 2);
        }
        if (!_rowsWithErrors[row])
        {
            _rowsWithErrors[row] = true;
            RowsWithErrors++;
        }
    }
}
