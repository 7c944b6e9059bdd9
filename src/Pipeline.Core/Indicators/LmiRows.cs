using System.Text.Json.Serialization;

namespace Pipeline.Core.Indicators;

/// <summary>
/// The columns of <c>curated/lmi_postings</c> the indicators read, by name (the feeds write more:
/// period, title, location, employer). posted_date is a Parquet DATE; salaries are doubles.
/// </summary>
public sealed class LmiPostingRow
{
    [JsonPropertyName("posting_id")] public string PostingId { get; set; } = "";
    [JsonPropertyName("posted_date")] public DateOnly PostedDate { get; set; }
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonPropertyName("salary_min")] public double? SalaryMin { get; set; }
    [JsonPropertyName("salary_max")] public double? SalaryMax { get; set; }
}

/// <summary>
/// The columns of <c>curated/lmi_nhs_vacancies</c> the benchmark reads: the quarter's end month is
/// the file's <c>period=YYYY-MM</c> partition folder; the rate is a fraction.
/// </summary>
public sealed class LmiNhsVacancyRow
{
    [JsonPropertyName("region")] public string Region { get; set; } = "";
    [JsonPropertyName("staff_group")] public string StaffGroup { get; set; } = "";
    [JsonPropertyName("vacancy_rate")] public double? VacancyRate { get; set; }
}

/// <summary>
/// The columns of <c>curated/lmi_claimants</c> the indicators read: the month is the file's
/// <c>period=YYYY-MM</c> partition folder; claimants is an INT32 count.
/// </summary>
public sealed class LmiClaimantRow
{
    [JsonPropertyName("geography_code")] public string GeographyCode { get; set; } = "";
    [JsonPropertyName("claimants")] public int Claimants { get; set; }
}
