using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Pipeline.Core.Indicators;
using Pipeline.Core.Lake;
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
public sealed class IndicatorsCommand(PipelineLakes lakes) : AsyncCommand<IndicatorsSettings>
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public override async Task<int> ExecuteAsync(CommandContext context, IndicatorsSettings settings, CancellationToken cancellationToken)
    {
        await using var pipeline = lakes.Open(settings);
        var output = pipeline.Get<IndicatorOutput>();
        var recomputer = pipeline.Get<IndicatorRecomputer>();
        var showProgress = settings.Format == "table" && !settings.Quiet && AnsiConsole.Profile.Capabilities.Interactive;
        Task<RecomputeResult> Recompute() => settings.Period is { } period
            ? recomputer.RecomputePeriodsAsync([Period.Parse(period)], cancellationToken)
            : recomputer.RecomputeAllAsync(cancellationToken);
        var result = showProgress
            ? await AnsiConsole.Status().StartAsync("Computing indicators...", _ => Recompute())
            : await Recompute();

        var rows = new List<IndicatorRow>();
        foreach (var period in result.Written.Concat(result.Superseded).Order())
        {
            await foreach (var row in output.ReadAsync(period, cancellationToken))
            {
                rows.Add(row);
            }
        }
        switch (settings.Format)
        {
            case "csv":
                WriteCsv(rows, Console.Out);
                break;
            case "json":
                Console.Out.WriteLine(JsonSerializer.Serialize(rows, Json));
                break;
            default:
                WriteTable(rows, pipeline.Description);
                break;
        }
        return RunnerApp.Ok;
    }

    /// <summary>Values as stored, round-trip precision; nothing rounded.</summary>
    public static void WriteCsv(IEnumerable<IndicatorRow> rows, TextWriter writer)
    {
        writer.WriteLine("indicator,period,scope_type,scope,value,numerator,denominator,suppressed,partners_reporting,computed_at");
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(',', Csv(row.Indicator), row.Period, row.ScopeType, Csv(row.Scope), Number(row.Value), Number(row.Numerator),
                Number(row.Denominator), row.Suppressed ? "true" : "false", row.PartnersReporting.ToString(CultureInfo.InvariantCulture),
                row.ComputedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The terminal table rounds for reading only (4 significant decimals); files keep full precision.</summary>
    private static void WriteTable(IReadOnlyList<IndicatorRow> rows, string lake)
    {
        var table = new Table().AddColumns("indicator", "period", "scope_type", "scope", "value", "numerator", "denominator", "suppressed", "partners");
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row.Indicator), row.Period, row.ScopeType, Markup.Escape(row.Scope), Display(row.Value), Display(row.Numerator),
                Display(row.Denominator), row.Suppressed ? "[yellow]yes[/]" : "no", row.PartnersReporting.ToString(CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{rows.Count} indicator rows from {Markup.Escape(lake)}.");
    }

    private static string Display(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? '"' + text.Replace("\"", "\"\"", StringComparison.Ordinal) + '"' : text;
}
