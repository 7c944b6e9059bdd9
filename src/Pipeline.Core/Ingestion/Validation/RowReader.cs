using Pipeline.Core.Ingestion.Schema;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Ingestion.Validation;

/// <summary>
/// Reads typed values from one row's cells through the column map, collecting every issue
/// the row has, each located by row, sheet, column (as headed in the file) and value.
/// </summary>
public sealed class RowReader(ColumnMap columns, string? sheet, Period latestAllowedPeriod)
{
    public static readonly Period EarliestPeriod = new(2015, 1);

    private readonly List<ValidationIssue> _issues = [];
    private string[] _cells = [];

    public int Row { get; private set; }

    public IReadOnlyList<ValidationIssue> Issues => _issues;

    public bool HasErrors { get; private set; }

    public void Start(int row, string[] cells)
    {
        Row = row;
        _cells = cells;
        _issues.Clear();
        HasErrors = false;
    }

    /// <summary>The trimmed cell, or null when the column is absent or the cell blank.</summary>
    public string? Text(string column)
    {
        var index = columns.IndexOf(column);
        if (index is null)
        {
            return null;
        }
        var text = _cells[index.Value].Trim();
        return text.Length == 0 ? null : text;
    }

    public string? RequiredText(string column)
    {
        var text = Text(column);
        if (text is null)
        {
            Error(column, null, Rules.MissingCell, $"{Label(column)} is blank, but every row needs one.", $"Fill in {Label(column)} for this row.");
        }
        return text;
    }

    public decimal? NonNegativeDecimal(string column, bool required)
    {
        var text = required ? RequiredText(column) : Text(column);
        if (text is null)
        {
            return null;
        }
        if (!ValueParsers.TryParseDecimal(text, out var value))
        {
            Error(column, text, Rules.TypeError, $"{Label(column)} must be a number, not '{text}'.", "Write a number such as 12.5, with no units or text.");
            return null;
        }
        if (value < 0)
        {
            Error(column, text, Rules.ConstraintError, $"{Label(column)} cannot be negative ({text}).", "Write 0 or a positive number.");
            return null;
        }
        return value;
    }

    public int? NonNegativeWhole(string column, bool required)
    {
        var text = required ? RequiredText(column) : Text(column);
        if (text is null)
        {
            return null;
        }
        if (!ValueParsers.TryParseWhole(text, out var value) || value > int.MaxValue)
        {
            Error(column, text, Rules.TypeError, $"{Label(column)} must be a whole number, not '{text}'.", "Write a whole number such as 3.");
            return null;
        }
        if (value < 0)
        {
            Error(column, text, Rules.ConstraintError, $"{Label(column)} cannot be negative ({text}).", "Write 0 or a positive whole number.");
            return null;
        }
        return (int)value;
    }

    /// <summary>A reporting month, not in the future and not before 2015-01.</summary>
    public Period? Period(string column)
    {
        var text = RequiredText(column);
        if (text is null)
        {
            return null;
        }
        if (!ValueParsers.TryParsePeriod(text, out var period))
        {
            Error(column, text, Rules.TypeError, $"{Label(column)} '{text}' is not a month we recognise.", "Write the month as 2026-10, Oct-26 or October 2026.");
            return null;
        }
        return CheckPeriodRange(column, text, period, "month") ? period : null;
    }

    /// <summary>A date; when <paramref name="notInFuture"/>, its month must not be after this month.</summary>
    public DateOnly? Date(string column, bool required, bool notInFuture)
    {
        var text = required ? RequiredText(column) : Text(column);
        if (text is null)
        {
            return null;
        }
        if (!ValueParsers.TryParseDate(text, out var date))
        {
            Error(column, text, Rules.TypeError, $"{Label(column)} '{text}' is not a date we recognise.", "Write the date as 2026-10-31 or 31/10/2026.");
            return null;
        }
        if (notInFuture && !CheckPeriodRange(column, text, Lake.Period.Of(date), "date"))
        {
            return null;
        }
        return date;
    }

    public void Error(string column, string? value, string rule, string message, string? fix = null) =>
        Add(Severity.Error, column, value, rule, message, fix);

    public void Warning(string column, string? value, string rule, string message, string? fix = null) =>
        Add(Severity.Warning, column, value, rule, message, fix);

    /// <summary>An issue about another row, found while reading this one (a duplicate's first occurrence).</summary>
    public ValidationIssue IssueForRow(int row, string column, string rule, string message, string? fix) =>
        new(Severity.Error, row, sheet, columns.HeaderOf(column), null, rule, message, fix);

    private bool CheckPeriodRange(string column, string text, Period period, string what)
    {
        if (period > latestAllowedPeriod)
        {
            Error(column, text, Rules.ConstraintError, $"{Label(column)} {text} is in the future (after {latestAllowedPeriod}).", $"Check the {what}: returns cover months that have started.");
            return false;
        }
        if (period < EarliestPeriod)
        {
            Error(column, text, Rules.ConstraintError, $"{Label(column)} {text} is before January 2015, the earliest month the partnership collects.", $"Check the {what}.");
            return false;
        }
        return true;
    }

    private void Add(Severity severity, string column, string? value, string rule, string message, string? fix)
    {
        HasErrors |= severity == Severity.Error;
        var shown = columns.IsSensitive(column) ? null : value;
        _issues.Add(new ValidationIssue(severity, Row, sheet, columns.HeaderOf(column), shown, rule, message, fix));
    }

    private string Label(string column) => $"'{columns.HeaderOf(column)}'";
}
