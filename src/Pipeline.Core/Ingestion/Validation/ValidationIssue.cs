namespace Pipeline.Core.Ingestion.Validation;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>
/// The rule codes of the report: Frictionless Data error types where one fits, our own
/// otherwise. Partners see these; their meaning never changes.
/// </summary>
public static class Rules
{
    public const string MissingLabel = "missing-label";
    public const string ExtraLabel = "extra-label";
    public const string DuplicateLabel = "duplicate-label";
    public const string BlankLabel = "blank-label";
    public const string TypeError = "type-error";
    public const string ConstraintError = "constraint-error";
    public const string MissingCell = "missing-cell";
    public const string DuplicateRow = "duplicate-row";
    public const string EncodingError = "encoding-error";
    public const string FormatError = "format-error";
    public const string SizeLimit = "size-limit";
    public const string WrongPartner = "wrong-partner";
    public const string UnknownPartner = "unknown-partner";
    public const string InactivePartner = "inactive-partner";
    public const string UnknownDataset = "unknown-dataset";
    public const string ConfigurationError = "configuration-error";
    public const string ProcessingError = "processing-error";
}

/// <summary>
/// One problem with an upload, located as the partner sees it: row (header = 1; 0 for the
/// whole file), sheet for XLSX, column as written in the file.
/// </summary>
public sealed record ValidationIssue(
    Severity Severity,
    int Row,
    string? Sheet,
    string? Column,
    string? Value,
    string Rule,
    string Message,
    string? Fix = null);
