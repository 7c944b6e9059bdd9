using System.Text.Json;
using Pipeline.Core.Ingestion;
using Spectre.Console;

namespace Pipeline.Runner.Commands;

/// <summary>How the runner shows one upload's outcome: the log's figures and the report's first issues.</summary>
public static class IngestionOutput
{
    private const int IssuesShown = 20;

    public static async Task WriteAsync(PipelineContext pipeline, IngestionRecord record, CancellationToken cancellationToken)
    {
        var colour = record.Status switch
        {
            IngestionStatus.Refused or IngestionStatus.Failed => "red",
            IngestionStatus.AcceptedWithWarnings => "yellow",
            _ => "green",
        };
        AnsiConsole.MarkupLine($"[{colour}]{record.Status}[/] {Markup.Escape(record.FileName)} ({Markup.Escape(record.Partner)}, {Markup.Escape(record.Dataset)}): " +
            $"{record.RowsIn:N0} rows in, {record.RowsAccepted:N0} accepted, {record.RowsRefused:N0} refused, {record.Errors:N0} errors, {record.Warnings:N0} warnings");
        if (record.Message is { } message)
        {
            AnsiConsole.MarkupLine(Markup.Escape(message));
        }
        if (record.ReportPath is { } reportPath && record.Status != IngestionStatus.Duplicate)
        {
            await WriteIssuesAsync(pipeline, reportPath, cancellationToken);
            AnsiConsole.MarkupLine($"Report: [blue]{Markup.Escape(pipeline.Locate(reportPath))}[/]");
        }
    }

    private static async Task WriteIssuesAsync(PipelineContext pipeline, string reportPath, CancellationToken cancellationToken)
    {
        await using var report = await pipeline.Objects.OpenReadAsync(reportPath, cancellationToken);
        using var document = await JsonDocument.ParseAsync(report, cancellationToken: cancellationToken);
        var issues = document.RootElement.GetProperty("issues");
        if (issues.GetArrayLength() == 0)
        {
            return;
        }
        var table = new Table().AddColumns("row", "column", "value", "rule", "problem", "fix");
        foreach (var issue in issues.EnumerateArray().Take(IssuesShown))
        {
            table.AddRow(
                Cell(issue, "row"), Cell(issue, "column"), Cell(issue, "value"), Cell(issue, "rule"),
                (issue.GetProperty("severity").GetString() == "error" ? "[red]" : "[yellow]") + Cell(issue, "message") + "[/]",
                Cell(issue, "fix"));
        }
        AnsiConsole.Write(table);
        if (issues.GetArrayLength() > IssuesShown)
        {
            AnsiConsole.MarkupLine($"... and {issues.GetArrayLength() - IssuesShown:N0} more in the report.");
        }
    }

    private static string Cell(JsonElement issue, string name) =>
        issue.GetProperty(name) is { ValueKind: not JsonValueKind.Null } value ? Markup.Escape(value.ToString()) : "";
}
