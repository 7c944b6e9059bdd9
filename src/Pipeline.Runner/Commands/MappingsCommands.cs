using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

/// <summary>
/// <c>pipeline mappings import FILE.csv</c>: adds or changes partnership mappings. One bad line
/// refuses the whole file (exit 1) and nothing changes.
/// </summary>
public sealed class MappingsImportCommand(PipelineLakes lakes) : LakeCommand<ImportSettings>(lakes)
{
    protected override async Task<int> ExecuteAsync(PipelineContext pipeline, ImportSettings settings, CancellationToken cancellationToken)
    {
        var file = await MappingFile.ReadAsync(settings.File, pipeline.Get<PartnerRegistry>(), cancellationToken);
        if (file.Problems.Count > 0)
        {
            AnsiConsole.MarkupLine($"[red]Refused[/] {Markup.Escape(settings.File)}: nothing was imported.");
            foreach (var problem in file.Problems)
            {
                AnsiConsole.MarkupLine(Markup.Escape(problem));
            }
            return RunnerApp.Refused;
        }
        var changed = await pipeline.Get<MappingStore>().SaveAsync(file.Mappings, cancellationToken);
        AnsiConsole.MarkupLine($"Imported [green]{file.Mappings.Count}[/] mappings ({changed} new or changed) into {Markup.Escape(pipeline.Description)}. They apply to uploads processed from now on; `pipeline reprocess` processes refused ones again.");
        return RunnerApp.Ok;
    }
}

public sealed class MappingsListSettings : LakeSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description("table (default) or csv; csv goes to standard output in the import file's columns.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    public override ValidationResult Validate() =>
        Format is "table" or "csv" ? ValidationResult.Success() : ValidationResult.Error("--format must be table or csv.");
}

/// <summary><c>pipeline mappings list</c>: the mappings in force.</summary>
public sealed class MappingsListCommand(PipelineLakes lakes) : LakeCommand<MappingsListSettings>(lakes)
{
    protected override async Task<int> ExecuteAsync(PipelineContext pipeline, MappingsListSettings settings, CancellationToken cancellationToken)
    {
        var mappings = await pipeline.Get<MappingStore>().ListAsync(cancellationToken);
        if (settings.Format == "csv")
        {
            MappingFile.Write(mappings, Console.Out);
            return RunnerApp.Ok;
        }
        var table = new Table().AddColumns("kind", "text", "code", "partner");
        foreach (var mapping in mappings)
        {
            table.AddRow(mapping.Kind, Markup.Escape(mapping.Text), mapping.Code, Markup.Escape(mapping.Partner ?? "(every partner)"));
        }
        AnsiConsole.Write(table);
        return RunnerApp.Ok;
    }
}
