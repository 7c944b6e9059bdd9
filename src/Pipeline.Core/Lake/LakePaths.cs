using System.Security.Cryptography;

namespace Pipeline.Core.Lake;

/// <summary>Where everything lives in the lake (SPEC "Lake layout"). One place, so no path is spelt twice.</summary>
public static class LakePaths
{
    public const string Landing = "landing";
    public const string Raw = "raw";
    public const string Quarantine = "quarantine";
    public const string Reports = "reports";
    public const string Curated = "curated";
    public const string Indicators = "indicators";

    /// <summary>Every zone, which is a container in Azure and a top-level folder locally.</summary>
    public static readonly IReadOnlyList<string> Zones = [Landing, Raw, Quarantine, Reports, Curated, Indicators];

    public static string LandingFile(string partner, string dataset, string fileName) =>
        $"{Landing}/{partner}/{dataset}/{fileName}";

    public static string RawUpload(string dataset, string partner, DateTimeOffset uploadedAt, string sha256, string extension) =>
        $"{Raw}/{dataset}/{partner}/{uploadedAt.UtcDateTime:yyyy}/{uploadedAt.UtcDateTime:MM}/{sha256}{extension}";

    public static string QuarantineFolder(string partner, string dataset, string sha256) =>
        $"{Quarantine}/{partner}/{dataset}/{sha256}/";

    /// <summary>
    /// The most UTF-8 bytes in one file or folder name of the lake: the limit of ext4, XFS and
    /// NTFS, and of a path segment in a blob account with a hierarchical namespace.
    /// </summary>
    public const int MaxNameBytes = 255;

    /// <summary>The longest ending a caller adds to <see cref="ReportBase"/>.</summary>
    private const string LongestReportExtension = ".json";

    /// <summary>
    /// <c>reports/{partner}/{dataset}/{file}.{sha8}.report</c>, to which the caller adds <c>.json</c>
    /// or <c>.csv</c>. An upload name that would not fit in a file name, or that holds characters
    /// file systems or blob tools refuse, is made safe by <see cref="SafeFileName"/>.
    /// </summary>
    public static string ReportBase(string partner, string dataset, string fileName, string sha256)
    {
        var ending = $".{Sha8(sha256)}.report";
        var room = MaxNameBytes - Encoding.UTF8.GetByteCount(ending + LongestReportExtension);
        return $"{Reports}/{partner}/{dataset}/{SafeFileName(fileName, room)}{ending}";
    }

    /// <summary>
    /// The name itself when it is usable; otherwise the name with every unusable character as
    /// <c>_</c>, no leading <c>.</c> or <c>_</c> (which would hide it) and no trailing dot or space,
    /// cut to fit <paramref name="maxBytes"/>, then <c>~</c> and 8 hex digits of the original
    /// name's SHA-256 (so two names that differ only where they were cut or cleaned stay
    /// apart), then the extension.
    /// </summary>
    public static string SafeFileName(string name, int maxBytes)
    {
        var cleaned = CleanFileName(name);
        if (cleaned == name && Encoding.UTF8.GetByteCount(name) <= maxBytes)
        {
            return name;
        }
        var marker = "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        var extension = Path.GetExtension(cleaned);
        if (extension.Length > 10 || !extension.Skip(1).All(char.IsAsciiLetterOrDigit))
        {
            extension = "";
        }
        var stem = cleaned[..^extension.Length];
        return TruncateUtf8(stem, maxBytes - Encoding.UTF8.GetByteCount(marker + extension)) + marker + extension;
    }

    private static string CleanFileName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' or '#' ? '_' : c);
        }
        var cleaned = builder.ToString().TrimStart('.', '_', ' ').TrimEnd('.', ' ');
        return cleaned.Length == 0 ? "upload" : cleaned;
    }

    /// <summary>The longest start of the text that fits in the bytes, never splitting a character.</summary>
    private static string TruncateUtf8(string text, int maxBytes)
    {
        var builder = new StringBuilder();
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
            {
                break;
            }
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    public static string CuratedDataset(string dataset) => $"{Curated}/{dataset}/";

    public static string CuratedPartition(string dataset, string period, string partner) =>
        $"{Curated}/{dataset}/period={period}/partner={partner}/";

    public static string CuratedPart(string dataset, string period, string partner, string sha256) =>
        $"{CuratedPartition(dataset, period, partner)}part-{Sha8(sha256)}.parquet";

    public static string IndicatorsFile(string period) => $"{Indicators}/period={period}/indicators.parquet";

    public static string RawFeedResponse(string feed, DateTimeOffset fetchedAt, string fileName) =>
        string.Create(CultureInfo.InvariantCulture, $"{Raw}/lmi/{feed}/{fetchedAt.UtcDateTime:yyyy}/{fetchedAt.UtcDateTime:MM}/{fetchedAt.UtcDateTime:dd}/{fileName}");

    /// <summary>
    /// The one file of an LMI dataset for a month and a feed: replaced whole on each pull that has
    /// rows for that month, so its name never changes and readers see the old file or the new one.
    /// </summary>
    public static string CuratedFeedPart(string dataset, string period, string feed) =>
        $"{Curated}/{dataset}/period={period}/feed={feed}/part-00000.parquet";

    public static string Sha8(string sha256) => sha256[..8];

    /// <summary>
    /// Whether a lake path is an in-progress or private file (SPEC "Lake layout"): some folder or the
    /// file name starts with <c>_</c> or <c>.</c>. Readers of the lake skip such files.
    /// </summary>
    public static bool IsHidden(string path) =>
        path.Split('/').Any(segment => segment.StartsWith('_') || segment.StartsWith('.'));
}
