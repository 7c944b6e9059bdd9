namespace Pipeline.Core.Serving;

/// <summary>What the response is written as.</summary>
public enum ResponseFormat
{
    Json,
    Csv,

    /// <summary>An Excel workbook (XLSX).</summary>
    Xlsx,
}

/// <summary>
/// A validated request for indicator rows: one month (<see cref="Period"/>) or a range
/// (<see cref="From"/>..<see cref="To"/>, either end open), and optional filters.
/// </summary>
public sealed record IndicatorQuery
{
    public Period? Period { get; init; }
    public Period? From { get; init; }
    public Period? To { get; init; }
    public string? Indicator { get; init; }
    public string? ScopeType { get; init; }
    public string? Scope { get; init; }
    public ResponseFormat Format { get; init; } = ResponseFormat.Json;

    public static readonly IReadOnlyList<string> Parameters = ["period", "indicator", "scope_type", "scope", "from", "to", "format"];

    private const int MaxTextLength = 100;

    /// <summary>
    /// Reads the query string. <paramref name="accept"/> (the Accept header) picks CSV when it
    /// asks for <c>text/csv</c> and no <c>format</c> is given. Returns the query, or the
    /// plain-English reasons it cannot be answered.
    /// </summary>
    public static (IndicatorQuery? Query, IReadOnlyList<string> Errors) Parse(QueryParameters parameters, string? accept)
    {
        var errors = parameters.CheckNames(Parameters);
        var period = parameters.Month("period", errors);
        var from = parameters.Month("from", errors);
        var to = parameters.Month("to", errors);
        if (period is not null && (from is not null || to is not null))
        {
            errors.Add("Give either period (one month) or from and to (a range of months), not both.");
        }
        if (from is { } start && to is { } end && start > end)
        {
            errors.Add($"from ({start}) is after to ({end}): from must be the same month as to or earlier.");
        }
        var scopeType = parameters.One("scope_type", errors);
        if (scopeType is not null && !ScopeTypes.All.Contains(scopeType))
        {
            errors.Add($"scope_type '{scopeType}' is not one of {string.Join(", ", ScopeTypes.All)}.");
        }
        var indicator = Text(parameters, "indicator", errors);
        var scope = Text(parameters, "scope", errors);
        var format = ParseFormat(parameters.One("format", errors), accept, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new IndicatorQuery
        {
            Period = period,
            From = from,
            To = to,
            Indicator = indicator,
            ScopeType = scopeType,
            Scope = scope,
            Format = format,
        }, errors);
    }

    public bool Matches(IndicatorRow row) =>
        (Indicator is null || row.Indicator == Indicator)
        && (ScopeType is null || row.ScopeType == ScopeType)
        && (Scope is null || row.Scope == Scope)
        && InRange(row.Period);

    /// <summary>The months to read one by one, or null when the whole table must be read and filtered.</summary>
    public IReadOnlyList<Period>? PeriodsToRead(int maxMonths)
    {
        if (Period is { } one)
        {
            return [one];
        }
        if (From is { } start && To is { } end && end.MonthsSince(start) < maxMonths)
        {
            return Enumerable.Range(0, end.MonthsSince(start) + 1).Select(start.AddMonths).ToList();
        }
        return null;
    }

    /// <summary>The download's file name, saying which months it holds.</summary>
    public string FileName(string extension)
    {
        var months = (Period, From, To) switch
        {
            ({ } one, _, _) => $"-{one}",
            (null, { } start, { } end) => $"-{start}-to-{end}",
            (null, { } start, null) => $"-from-{start}",
            (null, null, { } end) => $"-to-{end}",
            _ => "",
        };
        return $"indicators{months}.{extension}";
    }

    private bool InRange(string rowPeriod)
    {
        if (!Lake.Period.TryParse(rowPeriod, out var period))
        {
            return false;
        }
        return (Period is null || period == Period)
            && (From is null || period >= From)
            && (To is null || period <= To);
    }

    private static string? Text(QueryParameters parameters, string name, List<string> errors)
    {
        var text = parameters.One(name, errors);
        if (text is { Length: > MaxTextLength })
        {
            errors.Add($"{name} is longer than {MaxTextLength} characters.");
            return null;
        }
        return text;
    }

    private static ResponseFormat ParseFormat(string? format, string? accept, List<string> errors)
    {
        switch (format?.ToLowerInvariant())
        {
            case "json":
                return ResponseFormat.Json;
            case "csv":
                return ResponseFormat.Csv;
            case "xlsx":
                return ResponseFormat.Xlsx;
            case null:
                return accept is not null && accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase)
                    ? ResponseFormat.Csv
                    : ResponseFormat.Json;
            default:
                errors.Add($"format '{format}' is not one of json, csv, xlsx.");
                return ResponseFormat.Json;
        }
    }
}
