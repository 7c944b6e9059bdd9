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

    /// <summary>
    /// The spec's columns, in order: what the serving table stores and what CSV, JSON, XLSX and
    /// the runner print. (The Parquet file takes its columns from the properties above.)
    /// </summary>
    public static readonly RowSchema<IndicatorRow> Schema = new(c =>
    [
        c.Text("indicator", row => row.Indicator),
        c.Text("period", row => row.Period),
        c.Text("scope_type", row => row.ScopeType),
        c.Text("scope", row => row.Scope),
        c.Number("value", row => row.Value),
        c.Number("numerator", row => row.Numerator),
        c.Number("denominator", row => row.Denominator),
        c.Boolean("suppressed", row => row.Suppressed),
        c.WholeNumber("partners_reporting", row => row.PartnersReporting),
        c.Instant("computed_at", row => row.ComputedAt),
    ]);

    /// <summary>
    /// The JSON the API and the runner write: the spec's columns, then the indicator's label and
    /// kind (rate, ratio, count, number, money) from its definition, so readers need not derive them.
    /// </summary>
    public static readonly RowSchema<IndicatorRow> JsonSchema = Schema.With(c =>
    [
        c.Text("label", row => IndicatorDefinitions.Describe(row.Indicator)?.Label),
        c.Text("kind", row => IndicatorDefinitions.Describe(row.Indicator)?.KindName),
    ]);

    /// <summary>A row read back from the serving table (its partition is the period).</summary>
    public static IndicatorRow FromStored(TableRow row)
    {
        var cells = Schema.Read(row);
        return new IndicatorRow
        {
            Indicator = cells.Text("indicator"),
            Period = cells.OptionalText("period") ?? row.PartitionKey,
            ScopeType = cells.Text("scope_type"),
            Scope = cells.Text("scope"),
            Value = cells.Number("value"),
            Numerator = cells.Number("numerator"),
            Denominator = cells.Number("denominator"),
            Suppressed = cells.Boolean("suppressed"),
            PartnersReporting = cells.WholeNumber("partners_reporting"),
            ComputedAt = cells.Instant("computed_at").UtcDateTime,
        };
    }
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
