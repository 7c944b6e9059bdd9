using Azure;
using Pipeline.Runner.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner;

/// <summary>
/// The <c>pipeline</c> command line: one verb per command class (SPEC "Local runner verbs"). Commands
/// are built from the container below; a verb that touches the lake takes <see cref="PipelineLakes"/>.
/// </summary>
public static class RunnerApp
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int UsageOrSystemError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // Output to a file or a pipe has no terminal width: don't wrap tables at the fallback of 80 columns.
            AnsiConsole.Profile.Width = 200;
        }
        var services = new ServiceCollection()
            .AddSingleton(PipelineLakes.LoadConfiguration())
            .AddSingleton<PipelineLakes>()
            .AddSingleton(TimeProvider.System);
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("pipeline");
            config.PropagateExceptions();
            config.AddCommand<DemoCommand>("demo").WithDescription("Run the whole pipeline on a local demo lake and print what it found.");
            config.AddCommand<IngestCommand>("ingest").WithDescription("Validate and ingest one upload, as the blob trigger does.");
            config.AddCommand<ProcessCommand>("process").WithDescription("Ingest every landing file not yet processed, oldest upload first.");
            config.AddCommand<GenerateCommand>("generate").WithDescription("Write realistic synthetic uploads (messy and bad ones included) with a manifest.");
            config.AddCommand<FeedsCommand>("feeds").WithDescription("Pull the labour-market feeds into the lake (what the feeds timer does).");
            config.AddBranch("partners", partners =>
            {
                partners.SetDescription("The partner registry.");
                partners.AddCommand<PartnersImportCommand>("import").WithDescription("Import partners from a CSV with columns id,name,sector,active.");
                partners.AddCommand<PartnersListCommand>("list").WithDescription("List the registered partners.");
            });
            config.AddBranch("mappings", mappings =>
            {
                mappings.SetDescription("The partnership's own spellings of roles, reasons and destinations.");
                mappings.AddCommand<MappingsImportCommand>("import").WithDescription("Import mappings from a CSV with columns kind,text,code,partner (partner blank for every partner); one bad line refuses the file.");
                mappings.AddCommand<MappingsListCommand>("list").WithDescription("List the mappings in force.");
            });
            config.AddCommand<RequeueCommand>("requeue").WithDescription("Process a quarantined upload (failed 3 times for a system reason) again from raw, once the cause is fixed.");
            config.AddCommand<ReprocessCommand>("reprocess").WithDescription("Process every refused upload (of --partner, --dataset) again from raw with today's mappings.");
            config.AddCommand<IndicatorsCommand>("indicators").WithDescription("Compute the success indicators (every month, or --period) and print them.");
            config.AddCommand<ServeCommand>("serve").WithDescription("Serve the HTTP API and the coordinators' dashboard locally.");
        });
        try
        {
            return await app.RunAsync(args);
        }
        catch (CommandAppException e)
        {
            AnsiConsole.Console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return UsageOrSystemError;
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException { InnerException: RequestFailedException })
        {
            // The Azure SDK reports exhausted retries as an AggregateException of the attempts.
            var failure = e as RequestFailedException ?? e.InnerException!;
            Console.Error.WriteLine($"pipeline: storage request failed: {failure.Message.Split('\n')[0]}");
            return UsageOrSystemError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"pipeline: {e.Message}");
            return UsageOrSystemError;
        }
    }
}
