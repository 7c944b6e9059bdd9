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
}
