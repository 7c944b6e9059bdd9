using System.Buffers;

namespace Pipeline.Core.Ingestion.Sources;

/// <summary>
/// Decides how a delimited text upload is encoded (SPEC: UTF-8 with or without BOM, UTF-16
/// with BOM, Windows-1252). Without a BOM the whole file is checked: valid UTF-8 is UTF-8,
/// otherwise Windows-1252, unless the bytes fit neither (binary data, UTF-16 without a BOM).
/// </summary>
public static class TextEncodingDetector
{
    static TextEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <exception cref="UnreadableUploadException">The bytes are not text in an encoding we read.</exception>
    public static Encoding Detect(Stream stream)
    {
        Span<byte> bom = stackalloc byte[4];
        var read = stream.ReadAtLeast(bom, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read >= 4 && bom[..4].SequenceEqual(new byte[] { 0xFF, 0xFE, 0, 0 }))
        {
            throw Unreadable("UTF-32");
        }
        if (read >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
        if (read >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
        {
            return Encoding.Unicode;
        }
        if (read >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode;
        }
        var encoding = ScanWithoutBom(stream);
        stream.Position = 0;
        return encoding;
    }

    private static Encoding ScanWithoutBom(Stream stream)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[bytes.Length + 1];
        var validUtf8 = true;
        var fitsWindows1252 = true;
        int count;
        while ((count = stream.Read(bytes)) > 0)
        {
            var chunk = bytes.AsSpan(0, count);
            if (chunk.Contains((byte)0))
            {
                throw Unreadable("binary or UTF-16 without a byte order mark");
            }
            fitsWindows1252 = fitsWindows1252 && !chunk.ContainsAny(UndefinedInWindows1252);
            if (validUtf8)
            {
                try
                {
                    decoder.GetChars(bytes, 0, count, chars, 0, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    validUtf8 = false;
                }
            }
        }
        if (validUtf8)
        {
            return new UTF8Encoding(false);
        }
        return fitsWindows1252 ? Windows1252 : throw Unreadable("neither UTF-8 nor Windows-1252");
    }

    /// <summary>Bytes Windows-1252 leaves undefined, and control codes no text file has.</summary>
    private static readonly SearchValues<byte> UndefinedInWindows1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F]);

    private static UnreadableUploadException Unreadable(string what) => new(
        Rules.EncodingError,
        $"The file's characters could not be read ({what}). It may not be a text file, or it was saved in an encoding we do not read.",
        "Save the file from Excel as \"CSV UTF-8 (Comma delimited)\", or upload the .xlsx workbook itself.");
}
