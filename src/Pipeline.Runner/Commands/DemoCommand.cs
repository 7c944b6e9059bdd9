using System.Security.Cryptography;
using Pipeline.Synthetic;
using Pipeline.Synthetic.Feeds;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

/// <summary>
/// <c>pipeline demo</c>: the whole pipeline on a local demo lake: synthetic uploads for six
/// partners over 18 months (messy and bad files included), ingestion, labour-market feeds
/// from sample responses made for the same months, indicators, and a summary a coordinator can read.
/// </summary>
public sealed class DemoCommand(PipelineLakes lakes, TimeProvider clock) : AsyncCommand<LakeSettings>
{
    private const string DemoMarker = ".pipeline-demo";
    private const string DefaultLake = "demo-lake";
    private const int Partners = 6;
    private const int Months = 18;
    private const string DemoFeedsFolder = "_demo-feeds";

    public override async Task<int> ExecuteAsync(CommandContext context, LakeSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Storage is not null)
        {
            AnsiConsole.MarkupLine("[red]The demo runs on a local folder lake only; use --lake DIR.[/]");
            return RunnerApp.UsageOrSystemError;
        }
        var lake = Path.GetFullPath(settings.Lake ?? DefaultLake);
        if (!PrepareFolder(lake))
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(lake)} already holds data that the demo did not make. Choose an empty folder with --lake DIR.[/]");
            return RunnerApp.UsageOrSystemError;
        }
        var demoSettings = new LakeSettings { Lake = lake, Quiet = settings.Quiet };
        // Feed responses for the demo's own months (the bundled samples/feeds are fixed in time, for the tests).
        var samples = Path.Combine(lake, DemoFeedsFolder);
        DemoFeedResponses.Write(samples, SyntheticLakeGenerator.MonthsBefore(clock.GetUtcNow(), Months));
        await using var pipeline = lakes.Open(demoSettings, services => services
            .PostConfigure<PipelineOptions>(options => options.PseudonymisationKey ??= DemoKey(lake))
            .UseSampleFeeds(samples));

        Step(settings, $"Generating uploads for {Partners} partners over {Months} months");
        var generated = new SyntheticLakeGenerator(new SyntheticOptions { Partners = Partners, Months = Months }, clock)
            .Write(lake, null, cancellationToken);
        var registry = pipeline.Get<PartnerRegistry>();
        foreach (var partner in PartnerCsv.Read(Path.Combine(lake, SyntheticLakeGenerator.PartnersFile)))
        {
            await registry.SaveAsync(partner, cancellationToken);
        }

        Step(settings, "Ingesting every upload");
        var results = await ProcessCommand.IngestPendingAsync(pipeline, demoSettings, parallel: 1, cancellationToken);

        Step(settings, "Pulling the labour-market feeds from sample responses made for these months");
        var feeds = await pipeline.Get<LabourMarketFeeds>().PullConfiguredAsync(cancellationToken);
        if (feeds.Failed > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]{feeds.Failed} sample feed(s) failed; the indicators will lack their figures.[/]");
        }

        Step(settings, "Computing the success indicators");
        await pipeline.Get<CollectedChanges>().RecomputeAsync(cancellationToken);

        ProcessCommand.WriteSummary(pipeline, results);
        await WriteIndicatorSummaryAsync(pipeline, cancellationToken);
        WhereToLook(lake, generated.Files, results);
        return RunnerApp.Ok;
    }

    /// <summary>An empty or missing folder, or one an earlier demo made (which is cleared), may be used.</summary>
    private static bool PrepareFolder(string lake)
    {
        if (!Directory.Exists(lake) || !Directory.EnumerateFileSystemEntries(lake).Any())
        {
            Directory.CreateDirectory(lake);
            File.WriteAllText(Path.Combine(lake, DemoMarker), "This folder is a pipeline demo lake; `pipeline demo` clears it on every run.\n");
            return true;
        }
        if (!File.Exists(Path.Combine(lake, DemoMarker)))
        {
            return false;
        }
        Directory.Delete(lake, recursive: true);
        return PrepareFolder(lake);
    }

    /// <summary>The demo lake's own pseudonymisation key, kept beside it so a second look at the lake uses the same one.</summary>
    private static string DemoKey(string lake)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(Path.Combine(lake, "demo-pseudonymisation.key"), key + "\n");
        return key;
    }

    private static void Step(LakeSettings settings, string text)
    {
        if (!settings.Quiet)
        {
            AnsiConsole.MarkupLine($"[grey]•[/] {Markup.Escape(text)}...");
        }
    }

    private static async Task WriteIndicatorSummaryAsync(PipelineContext pipeline, CancellationToken cancellationToken)
    {
        string[] headline = ["submission_coverage", "vacancy_rate", "applications_per_advert", "turnover_rate_12m", "starters", "leavers", "left_sector_share", "job_postings", "claimants"];
        var byPeriod = new SortedDictionary<string, Dictionary<string, IndicatorRow>>(StringComparer.Ordinal);
        await foreach (var row in pipeline.Get<IndicatorStore>().ReadAsync(null, cancellationToken))
        {
            if (row.ScopeType == ScopeTypes.Partnership && headline.Contains(row.Indicator))
            {
                if (!byPeriod.TryGetValue(row.Period, out var values))
                {
                    byPeriod[row.Period] = values = [];
                }
                values[row.Indicator] = row;
            }
        }
        AnsiConsole.MarkupLine("[grey]returns%: active partners whose vacancy return is in; vacant%: vacancy rate; apps/ad: applications per advert; turnover%: 12-month turnover; left%: leavers who left health and care; adverts: job postings; claimants: benefit claimants[/]");
        var table = new Table().Border(TableBorder.Simple).Title("The partnership, month by month").AddColumn(new TableColumn("month").NoWrap());
        foreach (var indicator in headline)
        {
            table.AddColumn(new TableColumn(Heading(indicator)).RightAligned().NoWrap());
        }
        foreach (var (period, values) in byPeriod)
        {
            table.AddRow([period, .. headline.Select(i => Show(i, values.GetValueOrDefault(i)))]);
        }
        AnsiConsole.Write(table);
    }

    private static string Heading(string indicator) => indicator switch
    {
        "submission_coverage" => "returns%",
        "vacancy_rate" => "vacant%",
        "applications_per_advert" => "apps/ad",
        "turnover_rate_12m" => "turnover%",
        "left_sector_share" => "left%",
        "job_postings" => "adverts",
        _ => indicator,
    };

    /// <summary>Rates as percentages to one decimal, anything else as a number: the indicator's kind decides.</summary>
    private static string Show(string indicator, IndicatorRow? row) => row?.Value switch
    {
        null => "–",
        { } value when IndicatorDefinitions.Describe(indicator)?.Kind == IndicatorKind.Rate => (value * 100).ToString("0.0", CultureInfo.InvariantCulture),
        { } value => value.ToString("#,0.#", CultureInfo.InvariantCulture),
    };

    private static void WhereToLook(string lake, int files, IReadOnlyList<IngestionRecord> results)
    {
        var refused = results.Count(r => r.Status == IngestionStatus.Refused);
        AnsiConsole.MarkupLine($"""

            [bold]Where to look[/] ({files} generated uploads; {refused} refused on purpose, to show the reports)
              lake        {Markup.Escape(lake)}
              uploads     {Markup.Escape(Path.Combine(lake, LakePaths.Landing))}
              reports     {Markup.Escape(Path.Combine(lake, LakePaths.Reports))}   (one JSON and one CSV per upload)
              quarantine  {Markup.Escape(Path.Combine(lake, LakePaths.Quarantine))}   (refused files' reports and rows with errors)
              curated     {Markup.Escape(Path.Combine(lake, LakePaths.Curated))}   (Parquet, Hive partitions: query with DuckDB or Power BI)
              indicators  {Markup.Escape(Path.Combine(lake, LakePaths.Indicators))}
            Next: [blue]dotnet run --project src/Pipeline.Runner -- indicators --lake {Markup.Escape(lake)}[/] for every scope,
                  [blue]dotnet run --project src/Pipeline.Runner -- serve --lake {Markup.Escape(lake)}[/] for the API and dashboard.
            """);
    }
}
