namespace Pipeline.Core.Tests.Feeds;

public class FeedValuesTests
{
    [Theory]
    [InlineData("2026-01", "2026-01")]
    [InlineData("January 2016", "2016-01")]
    [InlineData("Jan-16", "2016-01")]
    [InlineData("Sep 2025", "2025-09")]
    [InlineData("30/06/2025", "2025-06")]
    [InlineData("2025-06-30", "2025-06")]
    [InlineData("202510", "2025-10")]
    public void TryParseMonth_PublishedForms_GiveTheMonth(string text, string expected)
    {
        Assert.True(FeedValues.TryParseMonth(text, out var period));
        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData("Q1 2025/26", "2025-06")]
    [InlineData("Q2 2025-26", "2025-09")]
    [InlineData("Q3 2025/26", "2025-12")]
    [InlineData("Q4 2025/26", "2026-03")]
    [InlineData("2024/25 Q4", "2025-03")]
    [InlineData("September 2025", "2025-09")]
    public void TryParseQuarterEnd_FinancialQuartersAndMonths_GiveTheQuarterEndMonth(string text, string expected)
    {
        Assert.True(FeedValues.TryParseQuarterEnd(text, out var period));
        Assert.Equal(expected, period.ToString());
    }

    [Theory]
    [InlineData("Q5 2025/26")]
    [InlineData("last quarter")]
    [InlineData("")]
    public void TryParseQuarterEnd_Nonsense_IsRefused(string text) =>
        Assert.False(FeedValues.TryParseQuarterEnd(text, out _));

    [Theory]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("8.3%", 8.3)]
    [InlineData(" 42 ", 42.0)]
    public void TryParseNumber_PublishedNumbers_AreRead(string text, double expected)
    {
        Assert.True(FeedValues.TryParseNumber(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("[c]")]
    [InlineData("..")]
    public void TryParseNumber_NotAvailableMarks_AreNull(string text)
    {
        Assert.True(FeedValues.TryParseNumber(text, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void TryParseNumber_Words_AreRefused() => Assert.False(FeedValues.TryParseNumber("many", out _));
}
