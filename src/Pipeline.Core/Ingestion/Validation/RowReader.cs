namespace Pipeline.Core.Ingestion.Validation;

/// <summary>
/// Reads typed values from one row's cells through the column map, collecting every issue
/// the row has, each located by row, sheet, column (as headed in the file) and value.
/// </summary>
public sealed class RowReader(ColumnMap columns, string? sheet, Period latestAllowedPeriod)
{
    public static readonly Period EarliestPeriod = new(2015, 1);

    private readonly List<ValidationIssue> _issues = [];
    private readonly List<(string Kind, string Text)> _unmapped = [];
    private readonly TextCache<Period?> _periods = new();
    private readonly TextCache<DateOnly?> _dates = new();
    private CellBatch? _batch;
    private int _index;

    public int Row { get; private set; }

    public IReadOnlyList<ValidationIssue> Issues => _issues;

    /// <summary>The row's texts no vocabulary knew (<see cref="KnownTexts"/>), to be counted as unmapped.</summary>
    public IReadOnlyList<(string Kind, string Text)> UnmappedTexts => _unmapped;

    public bool HasErrors { get; private set; }

    /// <summary>Starts reading row <paramref name="index"/> of the batch.</summary>
    public void Start(CellBatch batch, int index)
    {
        _batch = batch;
        _index = index;
        Row = batch.Number(index);
        _issues.Clear();
        _unmapped.Clear();
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
            return NotA<decimal>(column, text, "a number", "Write a number such as 12.5, with no units or text.");
        }
        return value < 0 ? Negative<decimal>(column, text, "Write 0 or a positive number.") : value;
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
            return NotA<int>(column, text, "a whole number", "Write a whole number such as 3.");
        }
        return value < 0 ? Negative<int>(column, text, "Write 0 or a positive whole number.") : (int)value;
    }

    /// <summary>A reporting month, not in the future and not before 2015-01.</summary>
    public Period? Period(string column)
    {
        var text = RequiredCell(column);
        return !text.IsEmpty
            && Recognised(column, text, _periods, ValueParsers.TryParsePeriod, "a month", "Write the month as 2026-10, Oct-26 or October 2026.") is { } period
            && CheckPeriodRange(column, text, period, "month")
            ? period
            : null;
    }

    /// <summary>A date; when <paramref name="notInFuture"/>, its month must not be after this month.</summary>
    public DateOnly? Date(string column, bool required, bool notInFuture)
    {
        var text = required ? RequiredCell(column) : Cell(column);
        return !text.IsEmpty
            && Recognised(column, text, _dates, ValueParsers.TryParseDate, "a date", "Write the date as 2026-10-31 or 31/10/2026.") is { } date
            && (!notInFuture || CheckPeriodRange(column, text, Lake.Period.Of(date), "date"))
            ? date
            : null;
    }

    public void NoteUnmapped(string kind, string text) => _unmapped.Add((kind, text));

    public void Error(string column, string? value, string rule, string message, string? fix = null) =>
        Add(Severity.Error, column, value, rule, message, fix);

    public void Warning(string column, string? value, string rule, string message, string? fix = null) =>
        Add(Severity.Warning, column, value, rule, message, fix);

    /// <summary>An issue about another row, found while reading this one (a duplicate's first occurrence).</summary>
    public ValidationIssue IssueForRow(int row, string column, string rule, string message, string? fix) =>
        new(Severity.Error, row, sheet, columns.HeaderOf(column), null, rule, message, fix);

    private delegate bool SpanParser<T>(ReadOnlySpan<char> text, out T value);

    /// <summary>
    /// The cell parsed, or an error saying it is not <paramref name="what"/> we recognise. A file
    /// repeats its months and dates, so each text is parsed once and remembered.
    /// </summary>
    private T? Recognised<T>(string column, ReadOnlySpan<char> text, TextCache<T?> parsedTexts, SpanParser<T> parse, string what, string fix)
        where T : struct
    {
        if (!parsedTexts.TryGet(text, out var parsed))
        {
            parsed = parse(text, out var value) ? value : null;
            parsedTexts.Add(text, parsed);
        }
        if (parsed is null)
        {
            var shown = text.ToString();
            Error(column, shown, Rules.TypeError, $"{Label(column)} '{shown}' is not {what} we recognise.", fix);
        }
        return parsed;
    }

    private T? NotA<T>(string column, ReadOnlySpan<char> text, string what, string fix)
        where T : struct
    {
        var shown = text.ToString();
        Error(column, shown, Rules.TypeError, $"{Label(column)} must be {what}, not '{shown}'.", fix);
        return null;
    }

    private T? Negative<T>(string column, ReadOnlySpan<char> text, string fix)
        where T : struct
    {
        var shown = text.ToString();
        Error(column, shown, Rules.ConstraintError, $"{Label(column)} cannot be negative ({shown}).", fix);
        return null;
    }

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
