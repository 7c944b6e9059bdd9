using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pipeline.Synthetic;

/// <summary>
/// An XLSX workbook written as a zip stream with <see cref="OpenXmlWriter"/>: each part is written
/// once, in order, so a sheet of a million rows never sits in memory, and every zip entry carries a
/// fixed timestamp so the same seed gives the same bytes. Numbers are numeric cells; dates are
/// Excel serial numbers with a date style; blank cells are left out, as Excel leaves them.
/// </summary>
internal sealed class XlsxTableWriter : ITableWriter
{
    /// <summary>Excel's row limit, header included.</summary>
    public const int MaxRows = 1_048_576;

    private const uint DateStyle = 1;
    private const uint MonthStyle = 2;
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);
    private static readonly UTF8Encoding NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ZipArchive _zip;
    private readonly FileStyle _style;
    private readonly string _dataset;
    private Stream? _sheetStream;
    private OpenXmlWriter? _sheet;
    private string[] _columnLetters = [];
    private int _rowNumber;

    public XlsxTableWriter(Stream stream, FileStyle style, string dataset)
    {
        _zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: false);
        _style = style;
        _dataset = dataset;
    }

    private int DataSheetNumber => _style.GuidanceSheetFirst ? 2 : 1;

    public void WriteHeader(IReadOnlyList<string> headers)
    {
        WritePackageParts();
        if (_style.GuidanceSheetFirst)
        {
            WriteGuidanceSheet();
        }
        _columnLetters = Enumerable.Range(0, headers.Count).Select(ColumnLetters).ToArray();
        _sheetStream = Entry($"xl/worksheets/sheet{DataSheetNumber}.xml").Open();
        _sheet = OpenXmlWriter.Create(_sheetStream, NoBom);
        _sheet.WriteStartDocument(true);
        _sheet.WriteStartElement(new Worksheet());
        _sheet.WriteStartElement(new SheetData());
        StartRow();
        for (var i = 0; i < headers.Count; i++)
        {
            _sheet.WriteElement(TextCell(i, headers[i]));
        }
        _sheet.WriteEndElement();
    }

    public void WriteRow(ReadOnlySpan<Cell> cells)
    {
        var sheet = _sheet ?? throw new InvalidOperationException("Write the header first.");
        StartRow();
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            switch (cell.Kind)
            {
                case CellKind.Blank:
                    break;
                case CellKind.Number:
                    sheet.WriteElement(new DocumentFormat.OpenXml.Spreadsheet.Cell { CellReference = Reference(i), CellValue = new CellValue(cell.Number) });
                    break;
                case CellKind.Date when _style.Dates == DateFormat.ExcelSerial:
                    sheet.WriteElement(SerialCell(i, cell.Date, DateStyle));
                    break;
                case CellKind.Period when _style.Period == PeriodFormat.ExcelDate:
                    sheet.WriteElement(SerialCell(i, cell.Date, MonthStyle));
                    break;
                default:
                    sheet.WriteElement(TextCell(i, TableWriter.Format(cell, _style) ?? ""));
                    break;
            }
        }
        sheet.WriteEndElement();
    }

    public void Dispose()
    {
        if (_sheet is not null)
        {
            _sheet.WriteEndElement();
            _sheet.WriteEndElement();
            _sheet.Close();
            _sheetStream!.Dispose();
        }
        _zip.Dispose();
    }

    /// <summary>The serial number Excel stores for a date (days since 1899-12-30).</summary>
    public static int ExcelSerial(DateOnly date) => date.DayNumber - ExcelEpoch.DayNumber;

    private void StartRow()
    {
        _rowNumber++;
        _sheet!.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", _rowNumber.ToString(CultureInfo.InvariantCulture))]);
    }

    private string Reference(int column) => _columnLetters[column] + _rowNumber.ToString(CultureInfo.InvariantCulture);

    private DocumentFormat.OpenXml.Spreadsheet.Cell TextCell(int column, string text) =>
        new() { CellReference = Reference(column), DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };

    private DocumentFormat.OpenXml.Spreadsheet.Cell SerialCell(int column, DateOnly date, uint style) =>
        new() { CellReference = Reference(column), StyleIndex = style, CellValue = new CellValue(ExcelSerial(date)) };

    private static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + (n - 1) % 26) + letters;
        }
        return letters;
    }

    private ZipArchiveEntry Entry(string name)
    {
        var entry = _zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        return entry;
    }

    private void WriteText(string name, string content)
    {
        using var writer = new StreamWriter(Entry(name).Open(), NoBom);
        writer.Write(content);
    }

    private void WriteElement(string name, OpenXmlElement root)
    {
        using var stream = Entry(name).Open();
        using var writer = OpenXmlWriter.Create(stream, NoBom);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
        writer.Close();
    }

    private void WritePackageParts()
    {
        var sheetNumbers = Enumerable.Range(1, DataSheetNumber).ToList();
        var sheetTypes = string.Concat(sheetNumbers.Select(n =>
            $"<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        WriteText("[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + sheetTypes + "</Types>");
        WriteText("_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + $"<Relationships xmlns=\"{PackageRelNs}\">"
            + $"<Relationship Id=\"rId1\" Type=\"{RelNs}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");

        var sheets = new Sheets();
        foreach (var n in sheetNumbers)
        {
            var name = n == DataSheetNumber ? _style.SheetName : "Guidance";
            sheets.Append(new Sheet { Name = name, SheetId = (uint)n, Id = $"rId{n}" });
        }
        WriteElement("xl/workbook.xml", new Workbook(sheets));
        WriteText("xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + $"<Relationships xmlns=\"{PackageRelNs}\">"
            + string.Concat(sheetNumbers.Select(n => $"<Relationship Id=\"rId{n}\" Type=\"{RelNs}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"))
            + $"<Relationship Id=\"rIdStyles\" Type=\"{RelNs}/styles\" Target=\"styles.xml\"/></Relationships>");
        WriteElement("xl/styles.xml", Styles());
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "mmm-yy" }) { Count = 2 },
        new Fonts(new Font()) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 3 });

    private void WriteGuidanceSheet()
    {
        string[] lines =
        [
            $"Monthly {_dataset} return for the Health and Care Skills Partnership.",
            $"Fill in the '{_dataset}' sheet: one row per role and site. Leave optional cells blank if not known.",
        ];
        var data = new SheetData();
        for (var i = 0; i < lines.Length; i++)
        {
            var row = new Row { RowIndex = (uint)(i + 1) };
            row.Append(new DocumentFormat.OpenXml.Spreadsheet.Cell
            {
                CellReference = $"A{i + 1}",
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(lines[i])),
            });
            data.Append(row);
        }
        WriteElement("xl/worksheets/sheet1.xml", new Worksheet(data));
    }
}
