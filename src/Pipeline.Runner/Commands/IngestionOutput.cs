using Pipeline.Core.Ingestion.Validation;
using Spectre.Console;

namespace Pipeline.Runner.Commands;

/// <summary>How the runner shows one upload's outcome: the log's figures and the report's first issues.</summary>
public static class IngestionOutput
{
    /// <summary>The runner's exit code for one upload's outcome: 0 accepted or duplicate, 1 refused, 2 failed.</summary>
    public static int ExitCode(IngestionRecord record) => record.Status switch
    {
        IngestionStatus.Refused => RunnerApp.Refused,
        IngestionStatus.Failed => RunnerApp.UsageOrSystemError,
        _ => RunnerApp.Ok,
    };

    public static void Write(PipelineContext pipeline, IngestionRecord record)
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
            WriteIssues(record);
            AnsiConsole.MarkupLine($"Report: [blue]{Markup.Escape(pipeline.Locate(reportPath))}[/]");
        }
    }

    /// <summary>The first issues, as the ingestion returned them: the report is not read back.</summary>
    private static void WriteIssues(IngestionRecord record)
    {
        if (record.FirstIssues.Count == 0)
        {
            return;
        }
        var table = new Table().AddColumns("row", "column", "value", "rule", "problem", "fix");
        foreach (var issue in record.FirstIssues)
        {
            table.AddRow(
                issue.Row.ToString(CultureInfo.InvariantCulture), Cell(issue.Column), Cell(issue.Value), Cell(issue.Rule),
                (issue.Severity == Severity.Error ? "[red]" : "[yellow]") + Cell(issue.Message) + "[/]",
                Cell(issue.Fix));
        }
        AnsiConsole.Write(table);
        var more = record.Errors + record.Warnings - record.FirstIssues.Count;
        if (more > 0)
        {
            AnsiConsole.MarkupLine($"... and {more:N0} more in the report.");
        }
    }

    private static string Cell(string? text) => Markup.Escape(text ?? "");
}
