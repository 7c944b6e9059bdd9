using System.Globalization;
using System.Text;
using Pipeline.Core.Indicators;
using Pipeline.Core.Ingestion.Reporting;

namespace Pipeline.Core.Serving;

/// <summary>
/// Writes indicator rows as CSV (RFC 4180) in the spec's column order, invariant culture.
/// Text cells that a spreadsheet would run as a formula are neutralised; numeric cells are
/// written by this class from numbers, so they are never neutralised: -3 stays a number.
/// </summary>
public static class IndicatorCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["indicator", "period", "scope_type", "scope", "value", "numerator", "denominator", "suppressed", "partners_reporting", "computed_at"];

    public static async Task WriteAsync(IAsyncEnumerable<IndicatorRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(string.Join(',', Columns).AsMemory(), cancellationToken);
        await writer.WriteAsync("\r\n".AsMemory(), cancellationToken);
        var line = new StringBuilder(256);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            AppendLine(line, row);
            await writer.WriteAsync(line, cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    public static void AppendLine(StringBuilder line, IndicatorRow row)
    {
        line.Append(TextCell(row.Indicator)).Append(',')
            .Append(TextCell(row.Period)).Append(',')
            .Append(TextCell(row.ScopeType)).Append(',')
            .Append(TextCell(row.Scope)).Append(',')
            .Append(Number(row.Value)).Append(',')
            .Append(Number(row.Numerator)).Append(',')
            .Append(Number(row.Denominator)).Append(',')
            .Append(row.Suppressed ? "true" : "false").Append(',')
            .Append(row.PartnersReporting.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(Instant(row.ComputedAt))
            .Append("\r\n");
    }

    /// <summary>
    /// A text cell: prefixed with a single quote when it starts with a character that makes a
    /// spreadsheet read it as a formula (OWASP "CSV injection"), then quoted when needed.
    /// </summary>
    public static string TextCell(string text)
    {
        var safe = SpreadsheetSafe.Text(text);
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>A plain decimal, never an exponent (1E-05 would read as text in some tools); empty for null.</summary>
    public static string Number(double? value)
    {
        if (value is not { } number || double.IsNaN(number) || double.IsInfinity(number))
        {
            return "";
        }
        return Math.Abs(number) < 7.9e27
            ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("F0", CultureInfo.InvariantCulture);
    }

    /// <summary>ISO 8601 in UTC with the Z suffix, to the second's fraction stored.</summary>
    public static string Instant(DateTime value) =>
        DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc)
            .ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);
}
