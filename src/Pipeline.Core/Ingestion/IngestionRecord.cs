namespace Pipeline.Core.Ingestion;

/// <summary>The outcome words of the ingestion log.</summary>
public static class IngestionStatus
{
    public const string Accepted = "accepted";
    public const string AcceptedWithWarnings = "accepted_with_warnings";
    public const string Refused = "refused";
    public const string Duplicate = "duplicate";

    /// <summary>A system error stopped processing; the upload may be tried again.</summary>
    public const string Failed = "failed";

    public static bool IsAccepted(string status) => status is Accepted or AcceptedWithWarnings;
}

/// <summary>One upload as the ingestion log records it: what came in, what became of it, and how long it took.</summary>
public sealed record IngestionRecord
{
    public required string Partner { get; init; }
    public required string Dataset { get; init; }
    public required string FileName { get; init; }
    public required string LandingPath { get; init; }
    public required string Sha256 { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset UploadedAt { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public int RowsIn { get; init; }
    public int RowsAccepted { get; init; }
    public int RowsRefused { get; init; }
    public int Errors { get; init; }
    public int Warnings { get; init; }

    /// <summary>How many times processing was tried; more than one only after system failures.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>The periods (YYYY-MM) the upload holds.</summary>
    public IReadOnlyList<string> Periods { get; init; } = [];

    /// <summary>Periods not applied because a newer upload already holds them.</summary>
    public IReadOnlyList<string> SupersededPeriods { get; init; } = [];

    /// <summary>Path of the JSON report (the CSV report sits beside it).</summary>
    public string? ReportPath { get; init; }

    public string? RawPath { get; init; }

    /// <summary>When a refused upload was last processed again from raw (<c>pipeline reprocess</c>); null if never.</summary>
    public DateTimeOffset? ReprocessedAt { get; init; }

    /// <summary>One sentence for the partner or the operator: why refused, why failed, duplicate of what.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// The report's first issues (<see cref="Reporting.IssueSpool.FirstIssuesKept"/> at most), for
    /// the caller to show at once. Only on the record an ingestion returns: the log does not store
    /// them, so a record read back has none (the report has every issue).
    /// </summary>
    public IReadOnlyList<ValidationIssue> FirstIssues { get; init; } = [];

    /// <summary>The ingestion log's columns (<see cref="IngestionLog"/>), each written as its type says.</summary>
    public static readonly RowSchema<IngestionRecord> Schema = new(c =>
    [
        c.Text("partner", record => record.Partner),
        c.Text("dataset", record => record.Dataset),
        c.Text("file_name", record => record.FileName),
        c.Text("landing_path", record => record.LandingPath),
        c.Text("sha256", record => record.Sha256),
        c.Text("status", record => record.Status),
        c.Instant("uploaded_at", record => record.UploadedAt),
        c.Instant("started_at", record => record.StartedAt),
        c.Instant("finished_at", record => record.FinishedAt),
        c.WholeNumber("rows_in", record => record.RowsIn),
        c.WholeNumber("rows_accepted", record => record.RowsAccepted),
        c.WholeNumber("rows_refused", record => record.RowsRefused),
        c.WholeNumber("errors", record => record.Errors),
        c.WholeNumber("warnings", record => record.Warnings),
        c.WholeNumber("attempts", record => record.Attempts),
        c.TextList("periods", record => record.Periods),
        c.TextList("superseded_periods", record => record.SupersededPeriods),
        c.Text("report_path", record => record.ReportPath),
        c.Text("raw_path", record => record.RawPath),
        c.OptionalInstant("reprocessed_at", record => record.ReprocessedAt),
        c.Text("message", record => record.Message),
    ]);

    /// <summary>A record read back from the log; the partner falls back to the partition key.</summary>
    public static IngestionRecord FromStored(TableRow row)
    {
        var cells = Schema.Read(row);
        return new IngestionRecord
        {
            Partner = cells.OptionalText("partner") ?? row.PartitionKey,
            Dataset = cells.Text("dataset"),
            FileName = cells.Text("file_name"),
            LandingPath = cells.Text("landing_path"),
            Sha256 = cells.Text("sha256"),
            Status = cells.Text("status"),
            UploadedAt = cells.Instant("uploaded_at"),
            StartedAt = cells.Instant("started_at"),
            FinishedAt = cells.Instant("finished_at"),
            RowsIn = cells.WholeNumber("rows_in"),
            RowsAccepted = cells.WholeNumber("rows_accepted"),
            RowsRefused = cells.WholeNumber("rows_refused"),
            Errors = cells.WholeNumber("errors"),
            Warnings = cells.WholeNumber("warnings"),
            Attempts = cells.WholeNumber("attempts"),
            Periods = cells.TextList("periods"),
            SupersededPeriods = cells.TextList("superseded_periods"),
            ReportPath = cells.OptionalText("report_path"),
            RawPath = cells.OptionalText("raw_path"),
            ReprocessedAt = cells.OptionalInstant("reprocessed_at"),
            Message = cells.OptionalText("message"),
        };
    }
}
