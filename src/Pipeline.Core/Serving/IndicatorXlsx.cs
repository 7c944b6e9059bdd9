using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pipeline.Core.Indicators;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;

namespace Pipeline.Core.Serving;

/// <summary>
/// Writes indicator rows as an Excel workbook: one sheet, the CSV's columns, numbers as
/// numbers. Text goes in inline-string cells, which Excel never evaluates, so no text needs
/// neutralising. The workbook is built in a temporary file (the Open XML SDK writes
/// synchronously and a ZIP needs seeking), then copied to the output.
/// </summary>
public static class IndicatorXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync(IAsyncEnumerable<IndicatorRow> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var document = SpreadsheetDocument.Create(temp, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, IndicatorCsv.Columns.Select(TextCell));
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    WriteRow(writer, Cells(row));
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "indicators" }));
            workbook.Workbook.Save();
        }
        temp.Position = 0;
        await temp.CopyToAsync(output, cancellationToken);
    }

    private static IEnumerable<Cell> Cells(IndicatorRow row) =>
    [
        TextCell(row.Indicator), TextCell(row.Period), TextCell(row.ScopeType), TextCell(row.Scope),
        NumberCell(row.Value), NumberCell(row.Numerator), NumberCell(row.Denominator),
        TextCell(row.Suppressed ? "true" : "false"), NumberCell(row.PartnersReporting),
        TextCell(IndicatorCsv.Instant(row.ComputedAt)),
    ];

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<Cell> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var cell in cells)
        {
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    private static Cell TextCell(string text) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString };

    /// <summary>A number cell, or an empty cell for null.</summary>
    private static Cell NumberCell(double? value)
    {
        var text = IndicatorCsv.Number(value);
        return text.Length == 0 ? new Cell() : new Cell(new CellValue(text)) { DataType = CellValues.Number };
    }
}
