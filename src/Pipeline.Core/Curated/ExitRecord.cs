using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace Pipeline.Core.Curated;

/// <summary>
/// One curated row of <c>curated/exits</c>: one leaver. <see cref="LeaverId"/> holds the
/// pseudonym (HMAC-SHA256 hex), never the partner's own id; comments are never stored here.
/// Period and partner are the Hive partition folders, not columns in the file.
/// </summary>
public sealed class ExitRecord
{
    [JsonPropertyName("leaver_id")] public string LeaverId { get; set; } = "";
    [JsonPropertyName("leave_date")] public DateOnly LeaveDate { get; set; }
    [JsonPropertyName("role")] public string Role { get; set; } = "";
    [JsonPropertyName("staff_group")] public string StaffGroup { get; set; } = "";
    [JsonPropertyName("start_date")] public DateOnly? StartDate { get; set; }
    [JsonPropertyName("length_of_service_months")] public int? LengthOfServiceMonths { get; set; }
    [JsonPropertyName("reason")] public string Reason { get; set; } = "";
    [JsonPropertyName("destination")] public string Destination { get; set; } = "unknown";
    [JsonPropertyName("would_recommend")] public bool? WouldRecommend { get; set; }
    [JsonPropertyName("would_return")] public bool? WouldReturn { get; set; }
    [JsonPropertyName("age_band")] public string? AgeBand { get; set; }
    [JsonPropertyName("source_row")] public int SourceRow { get; set; }
    [JsonPropertyName("source_sha256")] public string SourceSha256 { get; set; } = "";

    [ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    [JsonPropertyName("uploaded_at")] public DateTime UploadedAt { get; set; }
}
