using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace Pipeline.Core.Curated;

/// <summary>
/// One row of <c>curated/lmi_postings</c>: one job advert, stored once per id. Period (the month of
/// <see cref="PostedDate"/>) and feed are the Hive partition folders, not columns in the file.
/// </summary>
public sealed class PostingRecord
{
    [ParquetIgnore, JsonIgnore] public Period Period => Period.Of(PostedDate);

    [JsonPropertyName("posting_id")] public string PostingId { get; set; } = "";
    [JsonPropertyName("posted_date")] public DateOnly PostedDate { get; set; }
    [JsonPropertyName("title")] public string Title { get; set; } = "";

    /// <summary>The role code of the longest role alias found in the title; null when none is.</summary>
    [JsonPropertyName("role")] public string? Role { get; set; }

    [JsonPropertyName("location")] public string? Location { get; set; }
    [JsonPropertyName("salary_min")] public double? SalaryMin { get; set; }
    [JsonPropertyName("salary_max")] public double? SalaryMax { get; set; }
    [JsonPropertyName("employer")] public string? Employer { get; set; }

    /// <summary>When the pull that last saw this posting fetched it.</summary>
    [ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    [JsonPropertyName("fetched_at")] public DateTime FetchedAt { get; set; }
}
