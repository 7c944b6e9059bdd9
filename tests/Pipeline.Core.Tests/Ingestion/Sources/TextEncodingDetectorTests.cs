namespace Pipeline.Core.Tests.Ingestion.Sources;

public sealed class TextEncodingDetectorTests
{
    private const string Text = "role,site\ncare_worker,Café Lane\n";

    private static Encoding Detect(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var encoding = TextEncodingDetector.Detect(stream);
        Assert.Equal(0, stream.Position);
        return encoding;
    }

    public static TheoryData<string, string> WithByteOrderMark() => new()
    {
        { "utf-8", "utf-8" },
        { "utf-16", "utf-16" },
        { "utf-16BE", "utf-16BE" },
    };

    [Theory]
    [MemberData(nameof(WithByteOrderMark))]
    public void Detect_ByteOrderMark_IsThatEncodingAndTheStreamIsRewound(string written, string detected)
    {
        var encoding = Encoding.GetEncoding(written);

        Assert.Equal(detected, Detect([.. encoding.GetPreamble(), .. encoding.GetBytes(Text)]).WebName);
    }

    [Fact]
    public void Detect_Utf8WithoutByteOrderMark_IsUtf8WithoutEmittingOne()
    {
        var encoding = Detect(Encoding.UTF8.GetBytes(Text));

        Assert.Equal(("utf-8", 0), (encoding.WebName, encoding.GetPreamble().Length));
    }

    [Fact]
    public void Detect_Windows1252Bytes_IsWindows1252()
    {
        Assert.Equal("Windows-1252", Detect(TextEncodingDetector.Windows1252.GetBytes(Text)).WebName, ignoreCase: true);
    }

    [Fact]
    public void Detect_NotUtf8OnlyAfterTheFirst64KiB_ScansTheWholeFileAndIsWindows1252()
    {
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("care_worker,Main\n", 5000))).Concat(TextEncodingDetector.Windows1252.GetBytes(Text)).ToArray();

        Assert.True(bytes.Length > 1 << 16);
        Assert.Equal("Windows-1252", Detect(bytes).WebName, ignoreCase: true);
    }

    public static TheoryData<byte[]> Unreadable() =>
    [
        // UTF-32 little-endian byte order mark
        new byte[] { 0xFF, 0xFE, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00 },
        // UTF-16 without a byte order mark: zero bytes
        Encoding.Unicode.GetBytes(Text),
        // 0x81 is not UTF-8 here and undefined in Windows-1252
        new byte[] { 0x72, 0x6F, 0x6C, 0x65, 0x81, 0x0A },
    ];

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Detect_NeitherUtf8NorWindows1252_RefusedAsAnEncodingError(byte[] bytes)
    {
        var refused = Assert.Throws<UnreadableUploadException>(() => Detect(bytes));

        Assert.Equal(Rules.EncodingError, refused.Rule);
        Assert.NotNull(refused.Fix);
    }
}
