using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;

namespace Pipeline.Core.Tests.Synthetic;

/// <summary>
/// A reader written for the tests, independent of the generator's writers: CSV by hand in the
/// declared encoding, XLSX through the Open XML SDK, JSON through JsonDocument. Keys are headers
/// folded to letters and digits, so "Vacancies (FTE)" and "vacancies_fte" are both "vacanciesfte".
/// </summary>
public static class UploadReader
{
    static UploadReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<Dictionary<string, string>> Rows)
    {
        public IEnumerable<string> Keys => Headers.Select(Fold);
    }

    public static string Fold(string header) => new(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    public static Table Read(string path, JsonElement file)
    {
        var format = file.GetProperty("format").GetString();
        return format switch
        {
            "xlsx" => ReadXlsx(path, file.GetProperty("sheet").GetString()!),
            "json" => ReadJson(path),
            _ => ReadCsv(Decode(File.ReadAllBytes(path), file.GetProperty("encoding").GetString()!), file.GetProperty("delimiter").GetString()![0]),
        };
    }

    public static string Decode(byte[] bytes, string encoding) => encoding switch
    {
        "utf-8-bom" => StrictUtf8.GetString(bytes, 3, bytes.Length - 3),
        "utf-16le-bom" => new UnicodeEncoding(false, false, throwOnInvalidBytes: true).GetString(bytes, 2, bytes.Length - 2),
        "windows-1252" => Encoding.GetEncoding(1252).GetString(bytes),
        _ => StrictUtf8.GetString(bytes),
    };

    public static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static Table ReadCsv(string text, char delimiter)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        records.RemoveAll(r => r.All(string.IsNullOrEmpty));
        var headers = records[0];
        var rows = records.Skip(1).Select(r => headers.Select((h, i) => (Key: Fold(h), Value: i < r.Count ? r[i] : ""))
            .ToDictionary(p => p.Key, p => p.Value)).ToList();
        return new Table(headers, rows);
    }

    public static Table ReadXlsx(string path, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var grid = new List<Dictionary<string, string>>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new Dictionary<string, string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = new string(cell.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
                cells[column] = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "";
            }
            grid.Add(cells);
        }
        var headerCells = grid[0].OrderBy(c => c.Key.Length).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var headers = headerCells.Select(c => c.Value).ToList();
        var rows = grid.Skip(1).Select(cells => headerCells.ToDictionary(h => Fold(h.Value), h => cells.GetValueOrDefault(h.Key, ""))).ToList();
        return new Table(headers, rows);
    }

    public static Table ReadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var headers = new List<string>();
        var rows = new List<Dictionary<string, string>>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var row = new Dictionary<string, string>();
            foreach (var property in item.EnumerateObject())
            {
                if (!headers.Contains(property.Name))
                {
                    headers.Add(property.Name);
                }
                row[Fold(property.Name)] = property.Value.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => property.Value.GetString()!,
                    _ => property.Value.GetRawText(),
                };
            }
            rows.Add(row);
        }
        return new Table(headers, rows);
    }

    public static decimal Number(Dictionary<string, string> row, string key) =>
        row.TryGetValue(key, out var text) && text.Length > 0 ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
}
