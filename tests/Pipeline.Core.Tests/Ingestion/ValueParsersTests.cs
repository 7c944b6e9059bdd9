namespace Pipeline.Core.Tests.Ingestion;

public sealed class ValueParsersTests
{
    private const NumberStyles GeneralStyles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands
        | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowExponent;

    /// <summary>Plain digits take a shortcut past the general parser; every text must still read as the general parser reads it, scale included.</summary>
    [Fact]
    public void TryParseDecimal_AnyTextOfDigitsPointsAndSigns_ReadsAsTheGeneralParserDoes()
    {
        var random = new Random(20261202);
        const string alphabet = "0123456789000.-,e ";
        for (var i = 0; i < 50_000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 22)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var expected = decimal.TryParse(text, GeneralStyles, CultureInfo.InvariantCulture, out var expectedValue);

            var parsed = ValueParsers.TryParseDecimal(text, out var value);

            Assert.True(expected == parsed, $"'{text}': general parser {expected}, ours {parsed}");
            Assert.Equal(expectedValue.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("12.50", "12.50")]
    [InlineData("007", "7")]
    [InlineData("0.000", "0.000")]
    [InlineData("999999999999999999", "999999999999999999")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    public void TryParseDecimal_PlainForms_KeepTheirScale(string text, string expected)
    {
        Assert.True(ValueParsers.TryParseDecimal(text, out var value));
        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }
}
