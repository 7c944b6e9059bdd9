namespace Pipeline.Core;

/// <summary>
/// The pipeline's settings, bound from the configuration section <c>Pipeline</c>
/// (appsettings.json, then <c>Pipeline__*</c> environment variables, then flags).
/// </summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Base64 HMAC key (at least 32 bytes) for leaver ids. Without it, exits are refused.</summary>
    public string? PseudonymisationKey { get; set; }

    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    public int MaxRows { get; set; } = 5_000_000;

    public long MaxXlsxUncompressedBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Exits-based counts from 1 to this number are suppressed below partnership level.</summary>
    public int SuppressionThreshold { get; set; } = 7;

    /// <summary>
    /// The NHS England region whose published vacancy rate (all staff groups) is the partnership's
    /// benchmark, as the NHS vacancy statistics name it.
    /// </summary>
    public string NhsBenchmarkRegion { get; set; } = "South West";
}
