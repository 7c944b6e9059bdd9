namespace Pipeline.Synthetic;

internal enum FileFormat { Csv, Xlsx, Json }

internal enum TextEncoding { Utf8, Utf8Bom, Utf16LeBom, Windows1252 }

internal enum HeaderStyle { Canonical, Upper, Friendly, Camel }

/// <summary>How a period is written (SPEC "Precise rules > Uploads": all of these mean the same month).</summary>
internal enum PeriodFormat { IsoMonth, Compact, MonYy, MonYyyy, MonthYyyy, UkDate, IsoDate, ExcelDate }

internal enum DateFormat { Iso, Uk, ExcelSerial }

internal enum RoleSpelling { PartnerTitles, Codes, Names }

internal enum YesNoSpelling { YesNo, YN, OneZero, TrueFalse }

internal enum ReasonSpelling { Esr, Codes, Plain }

internal enum DestinationSpelling { AscWds, Codes, Plain }

/// <summary>Every way one upload differs from a tidy canonical CSV. Chosen per file by the seeded random source.</summary>
internal sealed record FileStyle
{
    public FileFormat Format { get; init; } = FileFormat.Csv;
    public TextEncoding Encoding { get; init; } = TextEncoding.Utf8;
    public char Delimiter { get; init; } = ',';
    public string NewLine { get; init; } = "\r\n";
    public HeaderStyle Headers { get; init; } = HeaderStyle.Canonical;
    public PeriodFormat Period { get; init; } = PeriodFormat.IsoMonth;
    public DateFormat Dates { get; init; } = DateFormat.Iso;
    public RoleSpelling Roles { get; init; } = RoleSpelling.PartnerTitles;
    public bool PartnerColumn { get; init; }
    public ExtraColumn? Extra { get; init; }
    public bool TrailingBlankLine { get; init; }
    /// <summary>XLSX: the data sheet's name, and whether a guidance sheet comes before it.</summary>
    public string SheetName { get; init; } = "Sheet1";
    public bool GuidanceSheetFirst { get; init; }
    /// <summary>JSON: blank cells as absent keys rather than nulls.</summary>
    public bool OmitBlanks { get; init; }
    public YesNoSpelling YesNo { get; init; } = YesNoSpelling.YesNo;
    public ReasonSpelling Reasons { get; init; } = ReasonSpelling.Esr;
    public DestinationSpelling Destinations { get; init; } = DestinationSpelling.Codes;
    /// <summary>Exits: service as a start date, or as completed months.</summary>
    public bool ServiceAsStartDate { get; init; } = true;

    public string Extension => Format switch
    {
        FileFormat.Xlsx => ".xlsx",
        FileFormat.Json => ".json",
        _ => ".csv",
    };

    public string? EncodingName => Format switch
    {
        FileFormat.Xlsx => null,
        FileFormat.Json => "utf-8",
        _ => Encoding switch
        {
            TextEncoding.Utf8Bom => "utf-8-bom",
            TextEncoding.Utf16LeBom => "utf-16le-bom",
            TextEncoding.Windows1252 => "windows-1252",
            _ => "utf-8",
        },
    };

    public string? DelimiterName => Format == FileFormat.Csv ? Delimiter.ToString() : null;

    /// <summary>Messiness at random, with the odds of what partners' systems export.</summary>
    public static FileStyle Random(string dataset, ref SeededRandom random)
    {
        var format = (FileFormat)random.PickWeighted([70, 20, 10]);
        var style = new FileStyle
        {
            Format = format,
            Encoding = (TextEncoding)random.PickWeighted([50, 25, 10, 15]),
            Delimiter = random.Pick([',', ',', ',', ';', '\t']),
            NewLine = random.Chance(0.7) ? "\r\n" : "\n",
            Headers = (HeaderStyle)random.PickWeighted([35, 15, 40, 10]),
            Period = (PeriodFormat)random.PickWeighted([30, 10, 15, 10, 10, 15, 10, format == FileFormat.Xlsx ? 30 : 0]),
            Dates = format == FileFormat.Xlsx && random.Chance(0.8) ? DateFormat.ExcelSerial : random.Chance(0.5) ? DateFormat.Iso : DateFormat.Uk,
            Roles = (RoleSpelling)random.PickWeighted([80, 10, 10]),
            PartnerColumn = random.Chance(0.25),
            Extra = random.Chance(0.2) ? new ExtraColumn(random.Pick(ExtraColumn.NamesFor(dataset)), random.Next(100)) : null,
            TrailingBlankLine = random.Chance(0.2),
            SheetName = random.Chance(0.6) ? dataset : "Sheet1",
            GuidanceSheetFirst = random.Chance(0.3),
            OmitBlanks = random.Chance(0.5),
            YesNo = (YesNoSpelling)random.Next(4),
            Reasons = (ReasonSpelling)random.PickWeighted([60, 20, 20]),
            Destinations = (DestinationSpelling)random.PickWeighted([50, 25, 25]),
            ServiceAsStartDate = random.Chance(0.6),
        };
        // A guidance sheet in front needs the data sheet to be the one named after the dataset.
        return style.GuidanceSheetFirst ? style with { SheetName = dataset } : style;
    }

    /// <summary>
    /// Styles given to the first vacancy returns of a run, so that even a small run has each
    /// encoding and format: Windows-1252 (on the partner whose site name has an 'é'), XLSX with a
    /// guidance sheet first, UTF-16 with tabs, JSON, UTF-8 with BOM and Title Case headers.
    /// </summary>
    public static IReadOnlyList<FileStyle> Showcase(string dataset) =>
    [
        new() { Encoding = TextEncoding.Windows1252, Delimiter = ';', Headers = HeaderStyle.Friendly, Period = PeriodFormat.MonYy, Dates = DateFormat.Uk },
        new() { Format = FileFormat.Xlsx, SheetName = dataset, GuidanceSheetFirst = true, Headers = HeaderStyle.Friendly, Period = PeriodFormat.ExcelDate, Dates = DateFormat.ExcelSerial, Extra = new ExtraColumn("Notes", 3) },
        new() { Encoding = TextEncoding.Utf16LeBom, Delimiter = '\t', Headers = HeaderStyle.Upper, Period = PeriodFormat.Compact, Roles = RoleSpelling.Codes },
        new() { Format = FileFormat.Json, Headers = HeaderStyle.Camel, Period = PeriodFormat.MonthYyyy, OmitBlanks = true },
        new() { Encoding = TextEncoding.Utf8Bom, Headers = HeaderStyle.Friendly, Period = PeriodFormat.UkDate, Dates = DateFormat.Uk, TrailingBlankLine = true, PartnerColumn = true },
    ];

    /// <summary>Bad files are plain CSV, so the defect is the only thing wrong with them.</summary>
    public static FileStyle ForBadFile(ref SeededRandom random) => new()
    {
        Headers = random.Chance(0.5) ? HeaderStyle.Canonical : HeaderStyle.Friendly,
        Period = random.Chance(0.5) ? PeriodFormat.IsoMonth : PeriodFormat.MonYyyy,
        Dates = random.Chance(0.5) ? DateFormat.Iso : DateFormat.Uk,
    };
}

/// <summary>A column no contract knows (ignored with a warning), put at a position among the real ones.</summary>
internal sealed record ExtraColumn(string Name, int Position)
{
    private static readonly IReadOnlyList<string> VacancyNames = ["Notes", "Cost centre", "Updated by", "Comments (internal)"];

    // "Notes" is a known alias of the exits' comments column, so it is not an unknown column there.
    private static readonly IReadOnlyList<string> ExitNames = ["Cost centre", "Updated by", "Interviewer", "Last reviewed"];

    public static IReadOnlyList<string> NamesFor(string dataset) => dataset == Datasets.Exits ? ExitNames : VacancyNames;
}
