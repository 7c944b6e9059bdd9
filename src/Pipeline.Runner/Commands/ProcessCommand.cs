using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

/// <summary>
/// <c>pipeline process</c>: ingests every landing file not yet processed, oldest upload first.
/// A file counts as processed when the log has its landing path with its upload time. First it
/// completes what a killed run left part-way (<see cref="PublishRecovery"/>).
/// </summary>
public sealed class ProcessCommand(PipelineLakes lakes) : AsyncCommand<LakeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LakeSettings settings, CancellationToken cancellationToken)
    {
        await using var pipeline = lakes.Open(settings);
        await pipeline.Get<PublishRecovery>().RecoverAsync(cancellationToken);
        var results = await IngestPendingAsync(pipeline, settings, cancellationToken);
        await pipeline.Get<CollectedChanges>().RecomputeAsync(cancellationToken);
        WriteSummary(pipeline, results);
        return results.Any(r => r.Status == IngestionStatus.Failed) ? RunnerApp.UsageOrSystemError : RunnerApp.Ok;
    }

    /// <summary>
    /// Ingests every pending upload in upload-time order, with progress on a terminal. What they
    /// changed waits in <see cref="CollectedChanges"/> for the caller to recompute.
    /// </summary>
    public static async Task<IReadOnlyList<IngestionRecord>> IngestPendingAsync(PipelineContext pipeline, LakeSettings settings, CancellationToken cancellationToken)
    {
        var pending = await PendingUploadsAsync(pipeline, cancellationToken);
        var service = pipeline.Get<IngestionService>();
        var results = new List<IngestionRecord>();
        await RunnerProgress.RunAsync(settings, "Ingesting uploads", pending.Count, async advance =>
        {
            foreach (var upload in pending)
            {
                if (await IngestOneAsync(pipeline, service, upload, cancellationToken) is { } record)
                {
                    results.Add(record);
                }
                advance();
            }
        });
        return results;
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
