namespace Pipeline.Core.Feeds;

/// <summary>Fills a feed's URL template; the redacted form is the only one ever logged, archived or stored.</summary>
public static class FeedUrl
{
    public const string PagePlaceholder = "{page}";
    public const string ApiKeyPlaceholder = "{apiKey}";
    public const string Redacted = "REDACTED";

    public static bool IsPaged(string template) => template.Contains(PagePlaceholder, StringComparison.Ordinal);

    public static string Expand(string template, int page, string? apiKey) =>
        template.Replace(PagePlaceholder, page.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(ApiKeyPlaceholder, Uri.EscapeDataString(apiKey ?? ""), StringComparison.Ordinal);

    public static string ExpandRedacted(string template, int page) => Expand(template, page, Redacted);
}
