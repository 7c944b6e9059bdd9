namespace Pipeline.Synthetic;

internal enum CellKind { Blank, Text, Number, Date, Period }

/// <summary>One value of an upload, typed so each format can write it its own way (an XLSX date cell, a UK date in a CSV).</summary>
internal readonly record struct Cell(CellKind Kind, string? Text = null, decimal Number = 0, DateOnly Date = default)
{
    public static readonly Cell Blank = new(CellKind.Blank);

    public static Cell Of(string? text) => string.IsNullOrEmpty(text) ? Blank : new Cell(CellKind.Text, text);

    public static Cell Of(decimal number) => new(CellKind.Number, Number: number);

    public static Cell Of(decimal? number) => number is { } value ? Of(value) : Blank;

    public static Cell Of(int number) => Of((decimal)number);

    public static Cell Of(int? number) => number is { } value ? Of((decimal)value) : Blank;

    public static Cell Of(DateOnly date) => new(CellKind.Date, Date: date);

    public static Cell Of(Period period) => new(CellKind.Period, Date: period.FirstDay);
}
