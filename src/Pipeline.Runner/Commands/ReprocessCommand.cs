using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

public sealed class ReprocessSettings : LakeSettings
{
    [CommandOption("--partner <ID>")]
    [Description("Only this partner's refused uploads.")]
    public string? Partner { get; init; }

    [CommandOption("--dataset <DATASET>")]
    [Description("Only refused uploads of this dataset (vacancies or exits).")]
    public string? Dataset { get; init; }

    public override ValidationResult Validate()
    {
        var problems = Reprocessing.CheckScope(Partner, Dataset);
        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join(" ", problems));
    }
}

/// <summary>
/// <c>pipeline reprocess [--partner ID] [--dataset DATASET]</c>: every refused upload in scope
/// processed again from raw with today's reference data and mappings, keeping its upload time.
/// </summary>
public sealed class ReprocessCommand(PipelineLakes lakes) : LakeCommand<ReprocessSettings>(lakes)
{
    protected override async Task<int> ExecuteAsync(PipelineContext pipeline, ReprocessSettings settings, CancellationToken cancellationToken)
    {
        var reprocessing = pipeline.Get<Reprocessing>();
        var refused = await reprocessing.RefusedAsync(settings.Partner, settings.Dataset, cancellationToken);
        IReadOnlyList<IngestionRecord> results = [];
        await RunnerProgress.RunAsync(settings, "Reprocessing refused uploads", refused.Count, async advance =>
            results = await reprocessing.ReprocessAsync(refused, advance, cancellationToken));
        await pipeline.Get<CollectedChanges>().RecomputeAsync(cancellationToken);
        ProcessCommand.WriteSummary(pipeline, results);
        return results.Any(r => r.Status == IngestionStatus.Failed) ? RunnerApp.UsageOrSystemError : RunnerApp.Ok;
    }
}
