using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;

namespace Pipeline.Core.Ingestion.Sources;

/// <summary>
/// An Excel workbook: the sheet named after the dataset, else the first sheet, read row by
/// row with OpenXml's streaming reader. Guards against zip bombs twice: the declared
/// uncompressed size is checked before opening, and OpenXml stops at the same limit per part
/// whatever the zip claims.
/// </summary>
public sealed class XlsxSource : ITabularSource
{
    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _worksheet;
    private readonly List<string> _sharedStrings = [];
    private readonly IEnumerator<(int Number, string[] Cells)> _rows;

    public XlsxSource(Stream stream, string dataset, long maxUncompressedBytes)
    {
        CheckDeclaredSize(stream, maxUncompressedBytes);
        try
        {
            _document = SpreadsheetDocument.Open(stream, isEditable: false, new OpenSettings
            {
                MaxCharactersInPart = maxUncompressedBytes,
            });
            var workbook = _document.WorkbookPart ?? throw NotAWorkbook();
            var sheet = ChooseSheet(workbook, dataset);
            Sheet = sheet.Name?.Value;
            // A damaged workbook can name a sheet without a part, or with a part of another kind.
            _worksheet = sheet.Id?.Value is { } id && workbook.GetPartById(id) is WorksheetPart worksheet ? worksheet : throw NotAWorkbook();
            LoadSharedStrings(workbook);
            _rows = ReadRawRows().GetEnumerator();
            Header = ReadHeader();
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw NotAWorkbook();
        }
    }

    public string? Sheet { get; }

    public IReadOnlyList<string> Header { get; }

    public IEnumerable<SourceRow> ReadRows(CancellationToken cancellationToken)
    {
        var width = Header.Count;
        while (MoveNextRow())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (number, raw) = _rows.Current;
            var cells = new string[width];
            var blank = true;
            for (var i = 0; i < width; i++)
            {
                cells[i] = i < raw.Length ? raw[i] ?? "" : "";
                blank &= string.IsNullOrWhiteSpace(cells[i]);
            }
            if (!blank)
            {
                yield return new SourceRow(number, cells);
            }
        }
    }

    public void Dispose()
    {
        _rows?.Dispose();
        _document?.Dispose();
    }

    private bool MoveNextRow()
    {
        try
        {
            return _rows.MoveNext();
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException or FileFormatException or OpenXmlPackageException)
        {
            throw new UnreadableUploadException(Rules.FormatError,
                $"The worksheet could not be read to the end: {e.Message}", "Open the workbook in Excel, save it again as .xlsx and upload that copy.");
        }
    }

    private string[] ReadHeader()
    {
        while (MoveNextRow())
        {
            var (_, cells) = _rows.Current;
            if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                return cells.Select(c => (c ?? "").Trim()).ToArray();
            }
        }
        throw new UnreadableUploadException(Rules.FormatError, $"The worksheet '{Sheet}' is empty: it has no header row and no data.",
            "Put the column names in row 1 and the data below them.");
    }

    private static void CheckDeclaredSize(Stream stream, long maxUncompressedBytes)
    {
        long total;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            total = zip.Entries.Sum(entry => entry.Length);
        }
        catch (InvalidDataException)
        {
            throw NotAWorkbook();
        }
        stream.Position = 0;
        if (total > maxUncompressedBytes)
        {
            throw new UnreadableUploadException(Rules.SizeLimit,
                $"The workbook expands to {total / (1024 * 1024):N0} MB, over the limit of {maxUncompressedBytes / (1024 * 1024):N0} MB.",
                "Split the data into smaller workbooks, or upload it as CSV.");
        }
    }

    private static Sheet ChooseSheet(WorkbookPart workbook, string dataset)
    {
        var sheets = workbook.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
        return sheets.FirstOrDefault(s => string.Equals(s.Name?.Value?.Trim(), dataset, StringComparison.OrdinalIgnoreCase))
            ?? sheets.FirstOrDefault()
            ?? throw NotAWorkbook();
    }

    private void LoadSharedStrings(WorkbookPart workbook)
    {
        if (workbook.SharedStringTablePart is not { } part)
        {
            return;
        }
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                _sharedStrings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }
    }

    /// <summary>Every row element of the sheet, as (Excel row number, cells by column position).</summary>
    private IEnumerable<(int Number, string[] Cells)> ReadRawRows()
    {
        using var reader = OpenXmlReader.Create(_worksheet);
        var nextNumber = 1;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }
            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } index ? (int)index : nextNumber;
            nextNumber = number + 1;
            yield return (number, ReadCells(row));
        }
    }

    private string[] ReadCells(Row row)
    {
        var values = new List<string>();
        var position = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            if (cell.CellReference?.Value is { } reference)
            {
                position = ColumnIndex(reference);
            }
            while (values.Count < position)
            {
                values.Add("");
            }
            values.Add(CellText(cell));
            position++;
        }
        return values.ToArray();
    }

    private string CellText(Cell cell)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType is { HasValue: false })
        {
            // A cell type (t="...") the format does not have: a damaged sheet (found by fuzzing).
            throw NotAWorkbook();
        }
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _sharedStrings.Count
                ? _sharedStrings[index]
                : "";
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "true" : "false";
        }
        return raw;
    }

    /// <summary>"C12" is column 2 (zero-based).</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index - 1;
    }

    private static UnreadableUploadException NotAWorkbook() => new(Rules.FormatError,
        "The file is not a readable Excel workbook (.xlsx): it may be damaged, password-protected, or another kind of file renamed.",
        "Open it in Excel and save it again as \"Excel Workbook (.xlsx)\", or save the sheet as CSV UTF-8.");
}
