using System.ComponentModel;
using Microsoft.Extensions.Options;
using Pipeline.Synthetic.Feeds;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

public sealed class FeedsSettings : LakeSettings
{
    [CommandOption("--config <FILE>")]
    [Description("A feeds file {\"feeds\":[...]} (default: the Pipeline:Feeds settings).")]
    public string? Config { get; init; }

    [CommandOption("--samples <DIR>")]
    [Description("Pull the bundled sample responses of DIR (e.g. samples/feeds) instead of the network.")]
    public string? Samples { get; init; }
}

/// <summary>
/// <c>pipeline feeds</c>: what the feeds timer does. Exit 0 when every feed was updated or unchanged,
/// 1 when at least one failed (the others still ran), 2 when no feed is configured.
/// </summary>
public sealed class FeedsCommand(PipelineLakes lakes) : AsyncCommand<FeedsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, FeedsSettings settings, CancellationToken cancellationToken)
    {
        PipelineContext pipeline;
        try
        {
            pipeline = lakes.Open(settings, services => ChooseFeeds(services, settings));
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"pipeline: {e.Message}");
            return RunnerApp.UsageOrSystemError;
        }
        await using var _ = pipeline;
        var feeds = pipeline.Get<IOptions<FeedsOptions>>().Value.Feeds;
        var summary = feeds.Count == 0 ? null : await pipeline.Get<LabourMarketFeeds>().PullAsync(feeds, cancellationToken);
        if (summary is null)
        {
            Console.Error.WriteLine("pipeline: no feeds configured; give --config FILE or set Pipeline__Feeds__0__name, __kind and __url.");
            return RunnerApp.UsageOrSystemError;
        }
        await pipeline.Get<IndicatorRecomputer>().RecomputeAfterFeedsAsync(summary, cancellationToken);
        AnsiConsole.Write(ToTable(summary));
        if (!settings.Quiet)
        {
            AnsiConsole.MarkupLine($"Lake: {Markup.Escape(pipeline.Description)}");
        }
        return summary.Failed > 0 ? RunnerApp.Refused : RunnerApp.Ok;
    }

    /// <summary>The bundled samples, a feeds file, or (neither given) the <c>Pipeline:Feeds</c> settings.</summary>
    private static void ChooseFeeds(IServiceCollection services, FeedsSettings settings)
    {
        if (settings.Samples is { } samples)
        {
            services.UseSampleFeeds(samples);
        }
        else if (settings.Config is { } file)
        {
            services.UseFeeds(FeedsFile.Read(file));
        }
    }

    private static Table ToTable(FeedRunSummary summary)
    {
        var table = new Table().AddColumns("feed", "kind", "outcome", "pages fetched", "unchanged (304)", "rows new", "rows written", "cause");
        foreach (var feed in summary.Feeds)
        {
            var outcome = feed.Outcome switch
            {
                FeedOutcome.Updated => "[green]updated[/]",
                FeedOutcome.Unchanged => "[grey]unchanged[/]",
                _ => "[red]failed[/]",
            };
            table.AddRow(Markup.Escape(feed.Feed), feed.Kind, outcome, $"{feed.PagesFetched}", $"{feed.PagesUnchanged}",
                $"{feed.RowsNew}", $"{feed.RowsWritten}", Markup.Escape(feed.Cause ?? ""));
        }
        return table;
    }
}
