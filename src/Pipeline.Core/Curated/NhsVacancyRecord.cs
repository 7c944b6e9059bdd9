using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace Pipeline.Core.Curated;

/// <summary>
/// One row of <c>curated/lmi_nhs_vacancies</c>: NHS vacancies of one region and staff group in a
/// quarter, whose end month is the period. Period and feed are the Hive partition folders.
/// </summary>
public sealed class NhsVacancyRecord
{
    [ParquetIgnore, JsonIgnore] public Period Period { get; set; }

    [JsonPropertyName("region")] public string Region { get; set; } = "";
    [JsonPropertyName("staff_group")] public string StaffGroup { get; set; } = "";
    [JsonPropertyName("vacancies_fte")] public double? VacanciesFte { get; set; }

    /// <summary>A fraction: a published 8.3% is 0.083.</summary>
    [JsonPropertyName("vacancy_rate")] public double? VacancyRate { get; set; }

    [ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    [JsonPropertyName("fetched_at")] public DateTime FetchedAt { get; set; }
}
