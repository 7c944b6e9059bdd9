using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

public sealed class RequeueSettings : LakeSettings
{
    [CommandArgument(0, "<UPLOAD>")]
    [Description("The quarantined upload's landing path, landing/{partner}/{dataset}/{file}, as the log and pipeline process show it.")]
    public string Upload { get; init; } = "";

    public override ValidationResult Validate()
    {
        try
        {
            LandingPath.Parse(Upload);
            return ValidationResult.Success();
        }
        catch (ArgumentException e)
        {
            return ValidationResult.Error(e.Message);
        }
    }
}

/// <summary>
/// <c>pipeline requeue UPLOAD</c>: an upload quarantined after <see cref="IngestionService.MaxAttempts"/>
/// system failures (storage down, a bug) is processed again from its raw copy, with its attempts
/// counted afresh, once the operator has fixed the cause.
/// </summary>
public sealed class RequeueCommand(PipelineLakes lakes) : LakeCommand<RequeueSettings>(lakes)
{
    protected override async Task<int> ExecuteAsync(PipelineContext pipeline, RequeueSettings settings, CancellationToken cancellationToken)
    {
        var landing = LandingPath.Parse(settings.Upload);
        var quarantined = (await pipeline.Get<IngestionLog>().ListAsync(landing.Partner, cancellationToken))
            .Where(r => r.LandingPath == landing.Path && r.Status == IngestionStatus.Failed && r.Attempts >= IngestionService.MaxAttempts && r.RawPath is not null)
            .ToList();
        if (quarantined.Count == 0)
        {
            AnsiConsole.MarkupLine($"[red]No quarantined upload at {Markup.Escape(landing.Path)}[/] (only uploads that failed {IngestionService.MaxAttempts} times are requeued; see pipeline process).");
            return RunnerApp.UsageOrSystemError;
        }
        var exit = RunnerApp.Ok;
        foreach (var upload in quarantined)
        {
            IngestionRecord record;
            try
            {
                record = await pipeline.Get<IngestionService>().ReprocessAsync(upload, cancellationToken);
            }
            catch (IngestionFailedException e)
            {
                record = e.Record;
            }
            IngestionOutput.Write(pipeline, record);
            exit = Math.Max(exit, IngestionOutput.ExitCode(record));
        }
        await pipeline.Get<CollectedChanges>().RecomputeAsync(cancellationToken);
        return exit;
    }
}
