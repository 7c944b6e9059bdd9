namespace Pipeline.Core.Feeds;

/// <summary>
/// What the last successful pull of one request URL (secret redacted) received: its validators
/// for conditional requests, where its body was archived, the body's SHA-256 and how many results it held.
/// </summary>
public sealed record FeedPageState(string RedactedUrl, FeedValidators? Validators, string RawPath, string Sha256, int Results);

/// <summary>The <c>feedstate</c> table: partition = feed name, row = SHA-256 of the redacted URL.</summary>
public sealed class FeedStateStore(ITableStore tables)
{
    public const string Table = "feedstate";

    public async Task<FeedPageState?> FindAsync(string feed, string redactedUrl, CancellationToken cancellationToken)
    {
        var row = await tables.GetAsync(Table, feed, Hashing.Sha256Hex(redactedUrl), cancellationToken);
        if (row is null || row["rawPath"] is not { } rawPath)
        {
            return null;
        }
        var lastModified = row["lastModified"] is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : (DateTimeOffset?)null;
        var validators = row["etag"] is null && lastModified is null ? null : new FeedValidators(row["etag"], lastModified);
        return new FeedPageState(redactedUrl, validators, rawPath, row["sha256"] ?? "", int.Parse(row["results"] ?? "0", CultureInfo.InvariantCulture));
    }

    public Task SaveAsync(string feed, FeedPageState state, DateTimeOffset pulledAt, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>
        {
            ["url"] = state.RedactedUrl,
            ["etag"] = state.Validators?.ETag,
            ["lastModified"] = state.Validators?.LastModified?.ToString("O", CultureInfo.InvariantCulture),
            ["rawPath"] = state.RawPath,
            ["sha256"] = state.Sha256,
            ["results"] = state.Results.ToString(CultureInfo.InvariantCulture),
            ["pulledAt"] = pulledAt.ToString("O", CultureInfo.InvariantCulture),
        };
        return tables.UpsertAsync(Table, new TableRow(feed, Hashing.Sha256Hex(state.RedactedUrl), values), cancellationToken);
    }
}
