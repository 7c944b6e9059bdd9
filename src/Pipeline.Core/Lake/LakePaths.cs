using System.Globalization;

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

    public static string ReportBase(string partner, string dataset, string fileName, string sha256) =>
        $"{Reports}/{partner}/{dataset}/{fileName}.{Sha8(sha256)}.report";

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
