using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace Pipeline.Core.Curated;

/// <summary>
/// One row of <c>curated/lmi_claimants</c>: the claimant count of one geography in one month.
/// Period and feed are the Hive partition folders, not columns in the file.
/// </summary>
public sealed class ClaimantRecord
{
    [ParquetIgnore, JsonIgnore] public Period Period { get; set; }

    [JsonPropertyName("geography_code")] public string GeographyCode { get; set; } = "";
    [JsonPropertyName("geography_name")] public string GeographyName { get; set; } = "";
    [JsonPropertyName("claimants")] public int Claimants { get; set; }

    [ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    [JsonPropertyName("fetched_at")] public DateTime FetchedAt { get; set; }
}
