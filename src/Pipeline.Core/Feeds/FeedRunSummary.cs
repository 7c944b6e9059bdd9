namespace Pipeline.Core.Feeds;

public enum FeedOutcome
{
    /// <summary>At least one page was new; its rows are in curated.</summary>
    Updated,

    /// <summary>Every page answered 304 Not Modified: nothing was written.</summary>
    Unchanged,

    /// <summary>Nothing of this run reached curated; <see cref="FeedResult.Cause"/> says why.</summary>
    Failed,
}

/// <summary>What one feed's pull did.</summary>
/// <param name="PagesFetched">Pages answered with a new body (200).</param>
/// <param name="PagesUnchanged">Pages answered 304 Not Modified.</param>
/// <param name="RowsNew">Curated rows whose key (geography, posting id, region and staff group) the lake did not hold for that month.</param>
/// <param name="RowsWritten">Rows in the curated files this pull wrote.</param>
public sealed record FeedResult(
    string Feed,
    string Kind,
    FeedOutcome Outcome,
    int PagesFetched,
    int PagesUnchanged,
    int RowsNew,
    int RowsWritten,
    IReadOnlyList<string> Periods,
    string? Cause);

/// <summary>What one run of the feeds did, feed by feed, in configuration order.</summary>
public sealed record FeedRunSummary(IReadOnlyList<FeedResult> Feeds)
{
    public int Failed => Feeds.Count(feed => feed.Outcome == FeedOutcome.Failed);

    public FeedResult this[string feed] => Feeds.Single(result => result.Feed == feed);
}
