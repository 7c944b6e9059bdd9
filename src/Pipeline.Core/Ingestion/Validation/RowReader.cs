namespace Pipeline.Core.Ingestion.Validation;

/// <summary>
/// Reads typed values from one row's cells through the column map, collecting every issue
/// the row has, each located by row, sheet, column (as headed in the file) and value.
/// </summary>
public sealed class RowReader(ColumnMap columns, string? sheet, Period latestAllowedPeriod)
{
    public static readonly Period EarliestPeriod = new(2015, 1);

    private readonly List<ValidationIssue> _issues = [];
    private readonly TextCache<Period?> _periods = new();
    private readonly TextCache<DateOnly?> _dates = new();
    private CellBatch? _batch;
    private int _index;

    public int Row { get; private set; }

    public IReadOnlyList<ValidationIssue> Issues => _issues;

    public bool HasErrors { get; private set; }

    /// <summary>Starts reading row <paramref name="index"/> of the batch.</summary>
    public void Start(CellBatch batch, int index)
    {
        _batch = batch;
        _index = index;
        Row = batch.Number(index);
        _issues.Clear();
        HasErrors = false;
    }

    /// <summary>The trimmed cell; empty when the column is absent or the cell blank.</summary>
    public ReadOnlySpan<char> Cell(string column) =>
        columns.IndexOf(column) is { } index ? _batch!.Cell(_index, index).Trim() : [];

    /// <summary>The trimmed cell, or an error when it is blank (or the column absent).</summary>
    public ReadOnlySpan<char> RequiredCell(string column)
    {
        var text = Cell(column);
        if (text.IsEmpty)
        {
            Error(column, null, Rules.MissingCell, $"{Label(column)} is blank, but every row needs one.", $"Fill in {Label(column)} for this row.");
        }
        return text;
    }

    /// <summary>The trimmed cell, or null when the column is absent or the cell blank.</summary>
    public string? Text(string column) => NullWhenEmpty(Cell(column));

    public string? RequiredText(string column) => NullWhenEmpty(RequiredCell(column));

    public decimal? NonNegativeDecimal(string column, bool required)
    {
        var text = required ? RequiredCell(column) : Cell(column);
        if (text.IsEmpty)
        {
            return null;
        }
        if (!ValueParsers.TryParseDecimal(text, out var value))
        {
            var shown = text.ToString();
            Error(column, shown, Rules.TypeError, $"{Label(column)} must be a number, not '{shown}'.", "Write a number such as 12.5, with no units or text.");
            return null;
        }
        if (value < 0)
        {
            var shown = text.ToString();
            Error(column, shown, Rules.ConstraintError, $"{Label(column)} cannot be negative ({shown}).", "Write 0 or a positive number.");
            return null;
        }
        return value;
    }

    public int? NonNegativeWhole(string column, bool required)
    {
        var text = required ? RequiredCell(column) : Cell(column);
        if (text.IsEmpty)
        {
            return null;
        }
        if (!ValueParsers.TryParseWhole(text, out var value) || value > int.MaxValue)
        {
            var shown = text.ToString();
            Error(column, shown, Rules.TypeError, $"{Label(column)} must be a whole number, not '{shown}'.", "Write a whole number such as 3.");
            return null;
        }
        if (value < 0)
        {
            var shown = text.ToString();
            Error(column, shown, Rules.ConstraintError, $"{Label(column)} cannot be negative ({shown}).", "Write 0 or a positive whole number.");
            return null;
        }
        return (int)value;
    }

    /// <summary>A reporting month, not in the future and not before 2015-01.</summary>
    public Period? Period(string column)
    {
        var text = RequiredCell(column);
        if (text.IsEmpty)
        {
            return null;
        }
        if (!_periods.TryGet(text, out var parsed))
        {
            parsed = ValueParsers.TryParsePeriod(text, out var period) ? period : null;
            _periods.Add(text, parsed);
        }
        if (parsed is null)
        {
            var shown = text.ToString();
            Error(column, shown, Rules.TypeError, $"{Label(column)} '{shown}' is not a month we recognise.", "Write the month as 2026-10, Oct-26 or October 2026.");
            return null;
        }
        return CheckPeriodRange(column, text, parsed.Value, "month") ? parsed : null;
    }

    /// <summary>A date; when <paramref name="notInFuture"/>, its month must not be after this month.</summary>
    public DateOnly? Date(string column, bool required, bool notInFuture)
    {
        var text = required ? RequiredCell(column) : Cell(column);
        if (text.IsEmpty)
        {
            return null;
        }
        if (!_dates.TryGet(text, out var parsed))
        {
            parsed = ValueParsers.TryParseDate(text, out var date) ? date : null;
            _dates.Add(text, parsed);
        }
        if (parsed is null)
        {
            var shown = text.ToString();
            Error(column, shown, Rules.TypeError, $"{Label(column)} '{shown}' is not a date we recognise.", "Write the date as 2026-10-31 or 31/10/2026.");
            return null;
        }
        if (notInFuture && !CheckPeriodRange(column, text, Lake.Period.Of(parsed.Value), "date"))
        {
            return null;
        }
        return parsed;
    }

    public void Error(string column, string? value, string rule, string message, string? fix = null) =>
        Add(Severity.Error, column, value, rule, message, fix);

    public void Warning(string column, string? value, string rule, string message, string? fix = null) =>
        Add(Severity.Warning, column, value, rule, message, fix);

    /// <summary>An issue about another row, found while reading this one (a duplicate's first occurrence).</summary>
    public ValidationIssue IssueForRow(int row, string column, string rule, string message, string? fix) =>
        new(Severity.Error, row, sheet, columns.HeaderOf(column), null, rule, message, fix);

    private bool CheckPeriodRange(string column, ReadOnlySpan<char> cell, Period period, string what)
    {
        if (period > latestAllowedPeriod)
        {
            var text = cell.ToString();
            Error(column, text, Rules.ConstraintError, $"{Label(column)} {text} is in the future (after {latestAllowedPeriod}).", $"Check the {what}: returns cover months that have started.");
            return false;
        }
        if (period < EarliestPeriod)
        {
            var text = cell.ToString();
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

    private static string? NullWhenEmpty(ReadOnlySpan<char> text) => text.IsEmpty ? null : text.ToString();

    private string Label(string column) => $"'{columns.HeaderOf(column)}'";
}
