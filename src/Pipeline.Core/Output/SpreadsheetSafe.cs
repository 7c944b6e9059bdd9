namespace Pipeline.Core.Output;

/// <summary>
/// Text for a CSV cell that a spreadsheet will open: a cell starting with = + - @ (or a tab
/// or carriage return) would run as a formula, so it gets a leading apostrophe.
/// </summary>
public static class SpreadsheetSafe
{
    public static string Text(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value ?? "";
}
