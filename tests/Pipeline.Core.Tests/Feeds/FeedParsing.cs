namespace Pipeline.Core.Tests.Feeds;

/// <summary>A feed's parser: the records of one response, named by its source in errors.</summary>
internal delegate IReadOnlyList<TRecord> FeedParser<TRecord>(Stream content, string source, DateTime fetchedAt);

/// <summary>Runs a feed's parser over test text or a test file, as fetched at <see cref="FetchedAt"/>.</summary>
internal static class FeedParsing
{
    public static readonly DateTime FetchedAt = new(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<TRecord> ParseText<TRecord>(FeedParser<TRecord> parse, string text) =>
        parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test", FetchedAt);

    public static IReadOnlyList<TRecord> ParseFile<TRecord>(FeedParser<TRecord> parse, string path)
    {
        using var file = File.OpenRead(path);
        return parse(file, Path.GetFileName(path), FetchedAt);
    }
}
