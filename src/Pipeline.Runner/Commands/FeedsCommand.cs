using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Feeds;
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
public sealed class FeedsCommand : AsyncCommand<FeedsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, FeedsSettings settings, CancellationToken cancellationToken)
    {
        var pipeline = PipelineContext.Open(settings);
        FeedRunSummary? summary;
        try
        {
            summary = settings.Samples is { } samples
                ? await FeedSamples.PullFromSamplesAsync(pipeline.Objects, pipeline.Tables, samples, cancellationToken)
                : await PullAsync(pipeline, settings, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"pipeline: {e.Message}");
            return RunnerApp.UsageOrSystemError;
        }
        if (summary is null)
        {
            Console.Error.WriteLine("pipeline: no feeds configured; give --config FILE or set Pipeline__Feeds__0__name, __kind and __url.");
            return RunnerApp.UsageOrSystemError;
        }
        AnsiConsole.Write(ToTable(summary));
        if (!settings.Quiet)
        {
            AnsiConsole.MarkupLine($"Lake: {Markup.Escape(pipeline.Description)}");
        }
        return summary.Failed > 0 ? RunnerApp.Refused : RunnerApp.Ok;
    }

    private static async Task<FeedRunSummary?> PullAsync(PipelineContext pipeline, FeedsSettings settings, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Polly", LogLevel.None) // every retry, with its stack trace: the table says how the feed ended
                .AddSimpleConsole(console => console.SingleLine = true)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddSingleton(pipeline.Objects)
            .AddSingleton(pipeline.Tables);
        if (settings.Config is { } file)
        {
            services.AddLabourMarketFeeds(FeedsFile.Read(file));
        }
        else
        {
            services.AddLabourMarketFeeds(pipeline.Configuration.GetSection(FeedsOptions.Section));
        }
        await using var provider = services.BuildServiceProvider();
        var feeds = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<FeedsOptions>>().Value.Feeds;
        return feeds.Count == 0 ? null : await provider.GetRequiredService<LabourMarketFeeds>().PullAsync(feeds, cancellationToken);
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
