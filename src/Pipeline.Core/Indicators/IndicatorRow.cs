using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace Pipeline.Core.Indicators;

/// <summary>
/// One success indicator value in the spec's long format (SPEC "Success indicators"):
/// the row written to <c>indicators/period=.../indicators.parquet</c>, the serving table and the API.
/// </summary>
public sealed class IndicatorRow
{
    [JsonPropertyName("indicator")] public string Indicator { get; set; } = "";

    /// <summary>YYYY-MM.</summary>
    [JsonPropertyName("period")] public string Period { get; set; } = "";

    /// <summary>partnership, partner, sector, role or staff_group.</summary>
    [JsonPropertyName("scope_type")] public string ScopeType { get; set; } = "";

    /// <summary><c>all</c> for the partnership; otherwise the partner id, sector, role code or staff group.</summary>
    [JsonPropertyName("scope")] public string Scope { get; set; } = "";

    /// <summary>Null for a zero denominator or a suppressed value. Rates are fractions.</summary>
    [JsonPropertyName("value")] public double? Value { get; set; }

    [JsonPropertyName("numerator")] public double? Numerator { get; set; }

    /// <summary>Null for counts and sums (non-ratio indicators).</summary>
    [JsonPropertyName("denominator")] public double? Denominator { get; set; }

    [JsonPropertyName("suppressed")] public bool Suppressed { get; set; }

    [JsonPropertyName("partners_reporting")] public int PartnersReporting { get; set; }

    [ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    [JsonPropertyName("computed_at")] public DateTime ComputedAt { get; set; }
}

/// <summary>The scope types, in the order they are reported.</summary>
public static class ScopeTypes
{
    public const string Partnership = "partnership";
    public const string Partner = "partner";
    public const string Sector = "sector";
    public const string Role = "role";
    public const string StaffGroup = "staff_group";

    public const string PartnershipScope = "all";

    public static readonly IReadOnlyList<string> All = [Partnership, Partner, Sector, Role, StaffGroup];
}
