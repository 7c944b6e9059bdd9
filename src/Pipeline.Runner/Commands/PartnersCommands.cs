using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

/// <summary><c>pipeline partners import FILE.csv</c>: adds or updates partners in the registry.</summary>
public sealed class PartnersImportCommand(PipelineLakes lakes) : LakeCommand<ImportSettings>(lakes)
{
    protected override async Task<int> ExecuteAsync(PipelineContext pipeline, ImportSettings settings, CancellationToken cancellationToken)
    {
        var registry = pipeline.Get<PartnerRegistry>();
        var partners = PartnerCsv.Read(settings.File);
        foreach (var partner in partners)
        {
            await registry.SaveAsync(partner, cancellationToken);
        }
        AnsiConsole.MarkupLine($"Imported [green]{partners.Count}[/] partners into {Markup.Escape(pipeline.Description)}.");
        return RunnerApp.Ok;
    }
}

/// <summary><c>pipeline partners list</c>.</summary>
public sealed class PartnersListCommand(PipelineLakes lakes) : LakeCommand<LakeSettings>(lakes)
{
    protected override async Task<int> ExecuteAsync(PipelineContext pipeline, LakeSettings settings, CancellationToken cancellationToken)
    {
        var partners = await pipeline.Get<PartnerRegistry>().ListAsync(cancellationToken);
        var table = new Table().AddColumns("id", "name", "sector", "active");
        foreach (var partner in partners)
        {
            table.AddRow(Markup.Escape(partner.Id), Markup.Escape(partner.Name), partner.Sector, partner.Active ? "yes" : "no");
        }
        AnsiConsole.Write(table);
        return RunnerApp.Ok;
    }
}
