using System.Text.RegularExpressions;

namespace Pipeline.Core.Feeds;

/// <summary>The feed kinds the pipeline can read (SPEC "Labour-market feeds").</summary>
public static class FeedKinds
{
    public const string NomisClaimants = "nomis-claimants";
    public const string AdzunaPostings = "adzuna-postings";
    public const string NhsVacancyStatistics = "nhs-vacancy-statistics";

    public static readonly IReadOnlyList<string> All = [NomisClaimants, AdzunaPostings, NhsVacancyStatistics];
}

/// <summary>
/// One configured feed: <c>Pipeline:Feeds:{i}:name|kind|url|maxPages|apiKeyEnv</c> in app settings,
/// or one entry of <c>{"feeds":[...]}</c> in the runner's feeds file.
/// </summary>
public sealed partial class FeedOptions
{
    /// <summary>Names the feed in the lake (raw/lmi/{name}/..., the feed= partition) and in the feed state: a-z, 0-9 and '-'.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of <see cref="FeedKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>URL template; <c>{page}</c> counts from 1, <c>{apiKey}</c> is the secret <see cref="ApiKeyEnv"/> names.</summary>
    public string Url { get; set; } = "";

    /// <summary>Pages to request at most when the URL has <c>{page}</c>; a page with no results ends the pull sooner.</summary>
    public int MaxPages { get; set; } = 1;

    /// <summary>The environment variable (a Key Vault reference app setting in Azure) holding the API key.</summary>
    public string? ApiKeyEnv { get; set; }

    /// <summary>What is wrong with this feed's settings, in words for the operator; empty when it can run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!NamePattern().IsMatch(Name))
        {
            problems.Add($"feed name '{Name}' must be 1 to 40 of a-z, 0-9 and '-'");
        }
        if (!FeedKinds.All.Contains(Kind))
        {
            problems.Add($"feed '{Name}' has kind '{Kind}'; use one of {string.Join(", ", FeedKinds.All)}");
        }
        if (!Uri.TryCreate(FeedUrl.Expand(Url, 1, "key"), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            problems.Add($"feed '{Name}' needs an absolute http(s) url");
        }
        if (MaxPages < 1)
        {
            problems.Add($"feed '{Name}' has maxPages {MaxPages}; use 1 or more");
        }
        if (Url.Contains(FeedUrl.ApiKeyPlaceholder, StringComparison.Ordinal) && string.IsNullOrWhiteSpace(ApiKeyEnv))
        {
            problems.Add($"feed '{Name}' uses {FeedUrl.ApiKeyPlaceholder} but names no apiKeyEnv");
        }
        return problems;
    }

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex NamePattern();
}

/// <summary>
/// The feeds settings, bound from the <c>Pipeline</c> section (beside <see cref="PipelineOptions"/>, which
/// stays untouched): <c>Pipeline:Feeds</c> and <c>Pipeline:FeedHttp</c>. A feeds file
/// <c>{"feeds":[...], "feedHttp":{...}}</c> binds to the same class.
/// </summary>
public sealed class FeedsOptions
{
    public const string Section = PipelineOptions.Section;

    public List<FeedOptions> Feeds { get; set; } = [];

    public FeedHttpOptions FeedHttp { get; set; } = new();

    public IReadOnlyList<string> Problems()
    {
        var problems = Feeds.SelectMany(feed => feed.Problems()).ToList();
        problems.AddRange(Feeds.GroupBy(feed => feed.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"feed name '{g.Key}' is used {g.Count()} times; names must be unique"));
        return problems;
    }
}
