using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

public sealed class ProcessSettings : LakeSettings
{
    [CommandOption("--parallel <N>")]
    [Description("Ingest N uploads at a time (default 1): for a month-end of many partners on a machine with cores to spare.")]
    [DefaultValue(1)]
    public int Parallel { get; init; } = 1;

    public override ValidationResult Validate() =>
        Parallel >= 1 ? ValidationResult.Success() : ValidationResult.Error($"--parallel {Parallel}: give 1 or more uploads at a time.");
}

/// <summary>
/// <c>pipeline process</c>: ingests every landing file not yet processed, oldest upload first.
/// A file counts as processed when the log has its landing path with its upload time. First it
/// completes what a killed run left part-way (<see cref="PublishRecovery"/>). With
/// <c>--parallel N</c> the uploads start in the same order, N at a time; the lake ends the same,
/// since the publisher keeps the newest upload of each partition whatever order they commit in
/// (of two copies of the same bytes, either may then be the original).
/// </summary>
public sealed class ProcessCommand(PipelineLakes lakes) : LakeCommand<ProcessSettings>(lakes)
{
    protected override async Task<int> ExecuteAsync(PipelineContext pipeline, ProcessSettings settings, CancellationToken cancellationToken)
    {
        await pipeline.Get<PublishRecovery>().RecoverAsync(cancellationToken);
        var results = await IngestPendingAsync(pipeline, settings, settings.Parallel, cancellationToken);
        await pipeline.Get<CollectedChanges>().RecomputeAsync(cancellationToken);
        WriteSummary(pipeline, results);
        return results.Any(r => r.Status == IngestionStatus.Failed) ? RunnerApp.UsageOrSystemError : RunnerApp.Ok;
    }

    /// <summary>
    /// Ingests every pending upload, started in upload-time order, <paramref name="parallel"/> at a
    /// time, with progress on a terminal. The records come back in that order. What they changed
    /// waits in <see cref="CollectedChanges"/> for the caller to recompute.
    /// </summary>
    public static async Task<IReadOnlyList<IngestionRecord>> IngestPendingAsync(PipelineContext pipeline, LakeSettings settings, int parallel, CancellationToken cancellationToken)
    {
        var pending = await PendingUploadsAsync(pipeline, cancellationToken);
        var service = pipeline.Get<IngestionService>();
        var results = new IngestionRecord?[pending.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken };
        await RunnerProgress.RunAsync(settings, "Ingesting uploads", pending.Count, advance =>
            Parallel.ForEachAsync(pending.Index(), options, async (upload, token) =>
            {
                results[upload.Index] = await IngestOneAsync(pipeline, service, upload.Item, token);
                advance();
            }));
        return results.OfType<IngestionRecord>().ToList();
    }

    private static async Task<IReadOnlyList<ObjectInfo>> PendingUploadsAsync(PipelineContext pipeline, CancellationToken cancellationToken)
    {
        var log = await pipeline.Get<IngestionLog>().ListAsync(partner: null, cancellationToken);
        var handled = log
            .Where(r => r.Status != IngestionStatus.Failed || r.Attempts >= IngestionService.MaxAttempts)
            .Select(r => Key(r.LandingPath, r.UploadedAt))
            .ToHashSet(StringComparer.Ordinal);
        var pending = new List<ObjectInfo>();
        await foreach (var file in pipeline.Objects.ListAsync(LakePaths.Landing + "/", cancellationToken))
        {
            if (!handled.Contains(Key(file.Path, file.CreatedAt)))
            {
                pending.Add(file);
            }
        }
        return pending.OrderBy(f => f.CreatedAt).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    private static async Task<IngestionRecord?> IngestOneAsync(PipelineContext pipeline, IngestionService service, ObjectInfo upload, CancellationToken cancellationToken)
    {
        if (upload.Path.Split('/').Length < 4)
        {
            // Outside landing/{partner}/{dataset}/ a file cannot be attributed to anyone: say so and go on.
            AnsiConsole.MarkupLine($"[yellow]Skipped[/] {Markup.Escape(upload.Path)}: uploads belong in landing/{{partner}}/{{dataset}}/.");
            return null;
        }
        await using var content = await pipeline.Objects.OpenReadAsync(upload.Path, cancellationToken);
        try
        {
            return await service.IngestAsync(upload.Path, upload.CreatedAt, content, cancellationToken);
        }
        catch (IngestionFailedException e)
        {
            AnsiConsole.MarkupLine($"[red]Failed[/] {Markup.Escape(upload.Path)}: {Markup.Escape(e.Message)}");
            return e.Record;
        }
    }

    public static void WriteSummary(PipelineContext pipeline, IReadOnlyList<IngestionRecord> results)
    {
        var table = new Table().AddColumns("status", "files", "rows in", "rows accepted", "rows refused");
        foreach (var group in results.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            table.AddRow(group.Key, $"{group.Count():N0}", $"{group.Sum(r => r.RowsIn):N0}", $"{group.Sum(r => r.RowsAccepted):N0}", $"{group.Sum(r => r.RowsRefused):N0}");
        }
        AnsiConsole.MarkupLine($"Processed [green]{results.Count:N0}[/] uploads in {Markup.Escape(pipeline.Description)}.");
        if (results.Count > 0)
        {
            AnsiConsole.Write(table);
        }
        foreach (var refused in results.Where(r => r.Status == IngestionStatus.Refused))
        {
            AnsiConsole.MarkupLine($"[red]refused[/] {Markup.Escape(refused.LandingPath)}: {Markup.Escape(refused.Message ?? "")} Report: {Markup.Escape(pipeline.Locate(refused.ReportPath!))}");
        }
    }

    private static string Key(string landingPath, DateTimeOffset uploadedAt) => $"{landingPath}|{uploadedAt.UtcTicks}";
}
