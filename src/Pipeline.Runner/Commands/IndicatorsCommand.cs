using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

public sealed class IndicatorsSettings : LakeSettings
{
    [CommandOption("--period <YYYY-MM>")]
    [Description("Compute and print only this month (default: every month with data).")]
    public string? Period { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("table (default), csv or json. csv and json go to standard output and nothing else does.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    public override ValidationResult Validate()
    {
        if (Period is not null && !Pipeline.Core.Lake.Period.TryParse(Period, out _))
        {
            return ValidationResult.Error($"--period must be YYYY-MM, not '{Period}'.");
        }
        return Format is "table" or "csv" or "json" ? ValidationResult.Success() : ValidationResult.Error("--format must be table, csv or json.");
    }
}

/// <summary><c>pipeline indicators</c>: computes the indicators (all months, or one) into the lake and prints them.</summary>
public sealed class IndicatorsCommand(PipelineLakes lakes) : LakeCommand<IndicatorsSettings>(lakes)
{
    protected override async Task<int> ExecuteAsync(PipelineContext pipeline, IndicatorsSettings settings, CancellationToken cancellationToken)
    {
        var recomputer = pipeline.Get<IndicatorRecomputer>();
        var showProgress = settings.Format == "table" && !settings.Quiet && AnsiConsole.Profile.Capabilities.Interactive;
        Task<RecomputeResult> Recompute() => settings.Period is { } period
            ? recomputer.RecomputePeriodsAsync([Period.Parse(period)], cancellationToken)
            : recomputer.RecomputeAllAsync(cancellationToken);
        var result = showProgress
            ? await AnsiConsole.Status().StartAsync("Computing indicators...", _ => Recompute())
            : await Recompute();

        // The rows just computed are printed as they are; the lake is not read back.
        var rows = result.Rows;
        switch (settings.Format)
        {
            case "csv":
                await RowCsv.WriteAsync(IndicatorRow.Schema, rows.ToAsyncEnumerable(), Console.Out, cancellationToken);
                break;
            case "json":
                await using (var standardOutput = Console.OpenStandardOutput())
                {
                    await RowJson.WriteAsync(IndicatorRow.JsonSchema, rows.ToAsyncEnumerable(), standardOutput, cancellationToken);
                }
                Console.Out.WriteLine();
                break;
            default:
                WriteTable(rows, pipeline.Description);
                break;
        }
        return RunnerApp.Ok;
    }

    /// <summary>
    /// Every column but the instants (one computed_at per run), rounded for reading only (4
    /// decimals); csv and json keep full precision.
    /// </summary>
    private static void WriteTable(IReadOnlyList<IndicatorRow> rows, string lake)
    {
        var columns = IndicatorRow.Schema.Columns.Where(column => column.Type != CellType.Instant).ToList();
        var table = new Table().AddColumns(columns.Select(column => column.Name).ToArray());
        foreach (var row in rows)
        {
            table.AddRow(columns.Select(column => Display(column.Type, column.Get(row))).ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{rows.Count} indicator rows from {Markup.Escape(lake)}.");
    }

    private static string Display(CellType type, object? value) => (type, value) switch
    {
        (CellType.Number, double number) => number.ToString("0.####", CultureInfo.InvariantCulture),
        (CellType.Boolean, true) => "[yellow]yes[/]",
        (CellType.Boolean, false) => "no",
        _ => Markup.Escape(CellText.Shown(type, value)),
    };
}
