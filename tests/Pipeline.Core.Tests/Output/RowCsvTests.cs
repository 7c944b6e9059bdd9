namespace Pipeline.Core.Tests.Output;

public sealed class RowCsvTests
{
    [Theory]
    [InlineData(0.00001, "0.00001")]
    [InlineData(-3.0, "-3")]
    [InlineData(0.083, "0.083")]
    [InlineData(1234567.5, "1234567.5")]
    public void Number_Value_IsAPlainDecimal(double value, string expected)
    {
        Assert.Equal(expected, CellText.Number(value));
    }

    [Fact]
    public void Number_Null_IsEmpty()
    {
        Assert.Equal("", CellText.Number(null));
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+44", "'+44")]
    [InlineData("-3", "'-3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("care_worker", "care_worker")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public async Task WriteAsync_TextCell_IsNeutralisedAndQuoted(string text, string expected)
    {
        var schema = new RowSchema<string>(c => [c.Text("text", row => row)]);
        var output = new StringWriter();

        await RowCsv.WriteAsync(schema, new[] { text }.ToAsyncEnumerable(), output, CancellationToken.None);

        Assert.Equal("text\r\n" + expected + "\r\n", output.ToString());
    }

    [Fact]
    public async Task WriteAsync_NegativeNumber_IsNotNeutralised()
    {
        var row = new IndicatorRow { Indicator = "net_flow", Period = "2026-01", ScopeType = "partnership", Scope = "all", Value = -3, Numerator = -3, PartnersReporting = 2, ComputedAt = new DateTime(2026, 2, 4, 3, 30, 0, DateTimeKind.Utc) };
        var output = new StringWriter();

        await RowCsv.WriteAsync(IndicatorRow.Schema, new[] { row }.ToAsyncEnumerable(), output, CancellationToken.None);

        Assert.Equal("net_flow,2026-01,partnership,all,-3,-3,,false,2,2026-02-04T03:30:00Z", output.ToString().Split("\r\n")[1]);
    }

    [Fact]
    public void Instant_UtcTime_IsIso8601WithZ()
    {
        Assert.Equal("2026-02-04T03:30:00.25Z", CellText.Shown(CellType.Instant, new DateTime(2026, 2, 4, 3, 30, 0, 250, DateTimeKind.Utc)));
    }
}
