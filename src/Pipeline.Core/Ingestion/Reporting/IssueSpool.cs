using System.Collections;
using System.Globalization;
using nietras.SeparatedValues;
using Pipeline.Core.Ingestion.Validation;

namespace Pipeline.Core.Ingestion.Reporting;

/// <summary>
/// Every issue of one upload, written to a temporary CSV as it is found so memory stays flat
/// however many there are, with the counts the log and the report's summary need.
/// </summary>
public sealed class IssueSpool : IDisposable
{
    public static readonly string[] Columns = ["severity", "row", "sheet", "column", "value", "rule", "message", "fix"];

    private readonly string _path;
    private readonly StreamWriter _text;
    private readonly SepWriter _writer;
    private readonly BitArray _rowsWithErrors = new(1024);
    private bool _closed;

    public IssueSpool(string path)
    {
        _path = path;
        _text = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        _writer = Sep.New(',').Writer(o => o with { Escape = true }).To(_text);
        _writer.Header.Add(Columns);
        _writer.Header.Write();
    }

    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    /// <summary>Data rows with at least one error (file-level issues are row 0 or 1 and not counted).</summary>
    public int RowsWithErrors { get; private set; }

    /// <summary>The first file-level error, for the log's one-line message.</summary>
    public ValidationIssue? FirstError { get; private set; }

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
        using var row = _writer.NewRow();
        row["severity"].Set(issue.Severity == Severity.Error ? "error" : "warning");
        row["row"].Set(issue.Row.ToString(CultureInfo.InvariantCulture));
        row["sheet"].Set(issue.Sheet ?? "");
        row["column"].Set(issue.Column ?? "");
        row["value"].Set(issue.Value ?? "");
        row["rule"].Set(issue.Rule);
        row["message"].Set(issue.Message);
        row["fix"].Set(issue.Fix ?? "");
    }

    public bool RowHasErrors(int row) => row < _rowsWithErrors.Length && _rowsWithErrors[row];

    public void AddRange(IEnumerable<ValidationIssue> issues)
    {
        foreach (var issue in issues)
        {
            Add(issue);
        }
    }

    /// <summary>Finishes the spool and returns its path.</summary>
    public string Close()
    {
        if (!_closed)
        {
            _writer.Dispose();
            _text.Dispose();
            _closed = true;
        }
        return _path;
    }

    public void Dispose() => Close();

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
