using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;

namespace Pipeline.Core.Output;

/// <summary>
/// Writes rows as an Excel workbook: one sheet, the schema's columns, numbers as number cells.
/// Text goes in inline-string cells, which Excel never evaluates, so no text needs
/// neutralising. The workbook is built in a temporary file (the Open XML SDK writes
/// synchronously and a ZIP needs seeking), then copied to the output.
/// </summary>
public static class RowXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync<TRow>(RowSchema<TRow> schema, string sheetName, IAsyncEnumerable<TRow> rows, Stream output, CancellationToken cancellationToken)
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
                WriteRow(writer, schema.Names.Select(TextCell));
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    WriteRow(writer, schema.Columns.Select(column => ValueCell(column.Type, column.Get(row))));
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }
        temp.Position = 0;
        await temp.CopyToAsync(output, cancellationToken);
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<Cell> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var cell in cells)
        {
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    /// <summary>Numbers as number cells (an empty cell for null); everything else as text, shown as in the CSV.</summary>
    private static Cell ValueCell(CellType type, object? value)
    {
        var shown = CellText.Shown(type, value);
        if (type is not (CellType.Number or CellType.WholeNumber))
        {
            return TextCell(shown);
        }
        return shown.Length == 0 ? new Cell() : new Cell(new CellValue(shown)) { DataType = CellValues.Number };
    }

    private static Cell TextCell(string text) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString };
}
