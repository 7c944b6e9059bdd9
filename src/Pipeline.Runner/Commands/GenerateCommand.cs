using System.ComponentModel;
using Pipeline.Synthetic;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

public sealed class GenerateSettings : CommandSettings
{
    [CommandOption("--partners <N>")]
    [Description("How many partners (default 6).")]
    public int Partners { get; init; } = 6;

    [CommandOption("--months <M>")]
    [Description("How many months, ending with the last complete month (default 12).")]
    public int Months { get; init; } = 12;

    [CommandOption("--rows-per-file <R>")]
    [Description("Rows in each vacancy return (default: one per role and site).")]
    public int? RowsPerFile { get; init; }

    [CommandOption("--seed <S>")]
    [Description("Random seed: the same seed gives the same files (default 42).")]
    public int Seed { get; init; } = SyntheticOptions.DefaultSeed;

    [CommandOption("--out <DIR>")]
    [Description("Where to write partners.csv, manifest.json and landing/ (a lake folder works).")]
    public string Out { get; init; } = "";

    [CommandOption("--real-world")]
    [Description("Roles as partners' systems export them (NHS ESR, ASC-WDS) and local titles, with mappings.csv to import before processing.")]
    public bool RealWorld { get; init; }

    [CommandOption("--quiet")]
    [Description("No progress display; only results and errors.")]
    public bool Quiet { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out DIR is required.") : ValidationResult.Success();
}

/// <summary><c>pipeline generate</c>: realistic synthetic uploads, messy and bad ones included, with a manifest.</summary>
public sealed class GenerateCommand(TimeProvider clock) : AsyncCommand<GenerateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, GenerateSettings settings, CancellationToken cancellationToken)
    {
        var options = new SyntheticOptions
        {
            Partners = settings.Partners,
            Months = settings.Months,
            RowsPerFile = settings.RowsPerFile,
            Seed = settings.Seed,
            RealWorld = settings.RealWorld,
        };
        var generator = new SyntheticLakeGenerator(options, clock);
        var summary = settings.Quiet || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive
            ? await Task.Run(() => generator.Write(settings.Out, null, cancellationToken), cancellationToken)
            : await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Generating uploads", maxValue: generator.FileCount);
                return await Task.Run(() => generator.Write(settings.Out, () => task.Increment(1), cancellationToken), cancellationToken);
            });
        PrintSummary(summary);
        if (settings.RealWorld)
        {
            AnsiConsole.MarkupLine($"Mappings: {Markup.Escape(Path.Combine(summary.OutputFolder, SyntheticLakeGenerator.MappingsFile))} (import it with pipeline mappings import before processing)");
        }
        return RunnerApp.Ok;
    }

    private static void PrintSummary(GenerationSummary summary)
    {
        AnsiConsole.MarkupLine(
            $"Generated [green]{summary.Files}[/] uploads ({summary.BadFiles} deliberately bad) for {summary.Partners} partners, "
            + $"{Markup.Escape(summary.Months[0])} to {Markup.Escape(summary.Months[^1])}: "
            + $"{summary.VacancyRows:N0} vacancy rows, {summary.ExitRows:N0} exit rows.");
        AnsiConsole.MarkupLine($"Uploads:  {Markup.Escape(Path.Combine(summary.OutputFolder, "landing"))}");
        AnsiConsole.MarkupLine($"Partners: {Markup.Escape(Path.Combine(summary.OutputFolder, SyntheticLakeGenerator.PartnersFile))}");
        AnsiConsole.MarkupLine($"Manifest: {Markup.Escape(Path.Combine(summary.OutputFolder, Manifest.FileName))}");
    }
}
