using System.Security.Cryptography;
using nietras.SeparatedValues;

namespace Pipeline.Core.Tests.Ingestion.Reporting;

/// <summary>A refused file's rows-with-errors.csv in quarantine: every row the report names, with the cells as sent.</summary>
public sealed class RowsWithErrorsTests
{
    private static readonly Period Month = TestLake.LastMonth;

    [Fact]
    public async Task Ingest_RefusedVacancies_QuarantinesEveryRowWithAnErrorWithItsCells()
    {
        using var lake = TestLake.ForIngestion();
        // Rows are numbered as the partner sees them: the header is row 1, so lines[0] is row 2.
        var lines = Enumerable.Range(2, 4500).Select(row => Returns.Row(Month, site: $"Site {row}")).ToArray();
        lines[RowIndex(3)] = Returns.Row(Month, site: "Site 3", inPost: "lots");
        lines[RowIndex(6)] = Returns.Row(Month, role: "Astronaut", site: "=HYPERLINK(\"x\")");
        lines[RowIndex(10)] = lines[RowIndex(9)];
        // The copy of row 2 is met in a later batch of rows than row 2 itself.
        lines[RowIndex(4400)] = lines[RowIndex(2)];

        var record = await lake.IngestAsync("refused.csv", Returns.Vacancies(lines));

        Assert.Equal(IngestionStatus.Refused, record.Status);
        var (header, rows) = await RowsWithErrorsAsync(lake, record);
        Assert.Equal(["row", .. Returns.Header.Split(',')], header);
        Assert.Equal([2, 3, 6, 9, 10, 4400], rows.Keys.Order());
        foreach (var (row, cells) in rows)
        {
            var sent = lines[RowIndex(row)].Split(',').Select(SpreadsheetSafe.Text);
            Assert.Equal(sent, cells);
        }
        Assert.Equal("'=HYPERLINK(\"x\")", rows[6][2]);
    }

    [Fact]
    public async Task Ingest_RefusedExits_LeaverIdPseudonymisedAndCommentsLeftOut()
    {
        using var lake = TestLake.ForIngestion();
        var leaveDate = Month.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var content = $"{Returns.ExitsHeader}\nP-001,{leaveDate},HCA,,Pay,,,,fine\nP-002,{leaveDate},Astronaut,,Pay,,,,call me\n";

        var record = await lake.IngestAsync("exits.csv", content, dataset: Datasets.Exits);

        Assert.Equal(IngestionStatus.Refused, record.Status);
        var (header, rows) = await RowsWithErrorsAsync(lake, record);
        Assert.Equal(["row", .. Returns.ExitsHeader.Split(',').SkipLast(1)], header);
        var cells = Assert.Single(rows, r => r.Key == 3).Value;
        var key = Convert.FromBase64String(lake.Options.PseudonymisationKey!);
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{TestLake.Partner}:P-002"))), cells[0]);
        Assert.Equal([leaveDate, "Astronaut", "", "Pay", "", "", ""], cells[1..]);
        Assert.Single(rows);
    }

    private static int RowIndex(int row) => row - 2;

    private static async Task<(string[] Header, Dictionary<int, string[]> Rows)> RowsWithErrorsAsync(TestLake lake, IngestionRecord record)
    {
        var path = LakePaths.QuarantineFolder(record.Partner, record.Dataset, record.Sha256) + "rows-with-errors.csv";
        await using var stream = await lake.Objects.OpenReadAsync(path, CancellationToken.None);
        using var reader = Sep.Reader(o => o with { Unescape = true }).From(stream);
        var header = reader.Header.ColNames.ToArray();
        var rows = new Dictionary<int, string[]>();
        foreach (var row in reader)
        {
            var cells = new string[header.Length - 1];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = row[i + 1].ToString();
            }
            rows.Add(int.Parse(row[0].Span, CultureInfo.InvariantCulture), cells);
        }
        return (header, rows);
    }
}
