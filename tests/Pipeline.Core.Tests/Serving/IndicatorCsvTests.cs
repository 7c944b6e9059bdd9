using Pipeline.Core.Serving;

namespace Pipeline.Core.Tests.Serving;

public sealed class IndicatorCsvTests
{
    [Theory]
    [InlineData(0.00001, "0.00001")]
    [InlineData(-3.0, "-3")]
    [InlineData(0.083, "0.083")]
    [InlineData(1234567.5, "1234567.5")]
    public void Number_Value_IsAPlainDecimal(double value, string expected)
    {
        Assert.Equal(expected, IndicatorCsv.Number(value));
    }

    [Fact]
    public void Number_Null_IsEmpty()
    {
        Assert.Equal("", IndicatorCsv.Number(null));
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
    public void TextCell_Text_IsNeutralisedAndQuoted(string text, string expected)
    {
        Assert.Equal(expected, IndicatorCsv.TextCell(text));
    }

    [Fact]
    public void Instant_UtcTime_IsIso8601WithZ()
    {
        Assert.Equal("2026-02-04T03:30:00.25Z", IndicatorCsv.Instant(new DateTime(2026, 2, 4, 3, 30, 0, 250, DateTimeKind.Utc)));
    }
}
