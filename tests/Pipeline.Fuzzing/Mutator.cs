using System.IO.Compression;
using System.Text;

namespace Pipeline.Fuzzing;

/// <summary>
/// AFL-style havoc: one to eight stacked edits of a corpus entry (bit flips, interesting bytes,
/// deletions, insertions, block copies, splices with another entry, tokens of the format). For
/// a workbook it also edits one part inside the zip and zips it again, so the XML behind the
/// archive is reached, not only the archive's checksums.
/// </summary>
public sealed class Mutator(Random random, string reader)
{
    private const int MaxLength = 64 * 1024;

    private static readonly byte[] Interesting = [0, 1, 0x7F, 0x80, 0xFF, (byte)'"', (byte)',', (byte)';', (byte)'\t', (byte)'\n', (byte)'\r', (byte)'<', (byte)'>', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)':', (byte)'-', (byte)'9', (byte)'.', (byte)'e'];

    private static readonly Dictionary<string, byte[][]> Tokens = new()
    {
        ["csv"] = Utf8("period", "role", "staff_in_post_fte", "vacancies_fte", "\"\"", "\r\n", ",,", "\uFEFF", "2026-13", "1e309", "-0", "NaN", "=cmd"),
        ["json"] = Utf8("null", "true", "{}", "[]", "\"period\":", "\"role\":", "\"vacancies_fte\":", "1e309", "-0", "\\u0000", "\\ud800", "[[[[", "]}"),
        ["xlsx"] = Utf8("<c r=\"A1\" t=\"s\"><v>0</v></c>", "<row r=\"1048577\">", "t=\"inlineStr\"", "<v>1e309</v>", "<sheet name=\"\" r:id=\"rId9\"/>", "&#0;", "<!DOCTYPE", "<si><t>"),
    };

    public byte[] Mutate(byte[] entry, byte[] other)
    {
        if (reader == "xlsx" && random.Next(2) == 0 && TryMutatePart(entry, other) is { } workbook)
        {
            return workbook;
        }
        return Havoc(entry, other);
    }

    private byte[] Havoc(byte[] entry, byte[] other)
    {
        var bytes = new List<byte>(entry);
        var edits = 1 << random.Next(4);
        for (var e = 0; e < edits; e++)
        {
            Edit(bytes, other);
        }
        return bytes.Count > MaxLength ? bytes.GetRange(0, MaxLength).ToArray() : bytes.ToArray();
    }

    private void Edit(List<byte> bytes, byte[] other)
    {
        var at = random.Next(bytes.Count + 1);
        var length = Math.Min(1 + random.Next(32), bytes.Count - Math.Min(at, bytes.Count));
        switch (random.Next(7))
        {
            case 0 when at < bytes.Count:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when at < bytes.Count:
                bytes[at] = Interesting[random.Next(Interesting.Length)];
                break;
            case 2:
                bytes.RemoveRange(Math.Min(at, bytes.Count), length);
                break;
            case 3:
                bytes.InsertRange(at, Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256)));
                break;
            case 4:
                bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(Math.Min(at, bytes.Count), length));
                break;
            case 5 when other.Length > 0:
                var from = random.Next(other.Length);
                bytes.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(64))).ToArray());
                break;
            default:
                var tokens = Tokens[reader];
                bytes.InsertRange(at, tokens[random.Next(tokens.Length)]);
                break;
        }
    }

    /// <summary>The workbook with one of its parts havocked, or null when the entry is not a zip.</summary>
    private byte[]? TryMutatePart(byte[] entry, byte[] other)
    {
        try
        {
            using var input = new ZipArchive(new MemoryStream(entry), ZipArchiveMode.Read);
            var parts = input.Entries.ToList();
            if (parts.Count == 0)
            {
                return null;
            }
            var chosen = random.Next(parts.Count);
            var output = new MemoryStream();
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                for (var i = 0; i < parts.Count; i++)
                {
                    using var read = parts[i].Open();
                    var content = new MemoryStream();
                    read.CopyTo(content);
                    var bytes = i == chosen ? Havoc(content.ToArray(), other) : content.ToArray();
                    using var write = zip.CreateEntry(parts[i].FullName, CompressionLevel.Fastest).Open();
                    write.Write(bytes);
                }
            }
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    private static byte[][] Utf8(params string[] texts) => texts.Select(Encoding.UTF8.GetBytes).ToArray();
}
