namespace Pipeline.Core.Feeds;

/// <summary>
/// How one kind of feed becomes curated rows: its parser, its dataset, the key that makes a row
/// the same row again, and whether a pull replaces a month's rows or adds to them.
/// </summary>
internal sealed record FeedKind<T>(
    string Dataset,
    string Extension,
    Func<Stream, string, DateTime, IReadOnlyList<T>> Parse,
    Func<T, Period> PeriodOf,
    Func<T, string> KeyOf,
    bool MergeWithExisting)
    where T : class, new();

internal static class FeedKindDefinitions
{
    /// <summary>A pull replaces the months it holds.</summary>
    public static readonly FeedKind<ClaimantRecord> Claimants = new(
        Datasets.LmiClaimants, ".csv", NomisClaimantsParser.Parse, row => row.Period, row => row.GeographyCode, MergeWithExisting: false);

    /// <summary>Adverts come and go between pulls, so a pull adds to what a month holds; one row per posting id.</summary>
    public static readonly FeedKind<PostingRecord> Postings = new(
        Datasets.LmiPostings, ".json", AdzunaPostingsParser.Parse, row => row.Period, row => row.PostingId, MergeWithExisting: true);

    /// <summary>A pull replaces the quarters it holds (revised figures replace the first estimates).</summary>
    public static readonly FeedKind<NhsVacancyRecord> NhsVacancies = new(
        Datasets.LmiNhsVacancies, ".csv", NhsVacancyStatisticsParser.Parse, row => row.Period, row => $"{row.Region}\u001f{row.StaffGroup}", MergeWithExisting: false);
}
