using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace Pipeline.Core.Curated;

/// <summary>
/// One curated row of <c>curated/vacancies</c>: one partner x period x role [x site].
/// Period and partner are the Hive partition folders, not columns in the file.
/// </summary>
public sealed class VacancyRecord
{
    [JsonPropertyName("role")] public string Role { get; set; } = "";
    [JsonPropertyName("staff_group")] public string StaffGroup { get; set; } = "";
    [JsonPropertyName("site")] public string? Site { get; set; }
    [JsonPropertyName("establishment_fte")] public double? EstablishmentFte { get; set; }
    [JsonPropertyName("staff_in_post_fte")] public double StaffInPostFte { get; set; }
    [JsonPropertyName("staff_in_post_headcount")] public int StaffInPostHeadcount { get; set; }
    [JsonPropertyName("vacancies_fte")] public double VacanciesFte { get; set; }
    [JsonPropertyName("vacancies_advertised")] public int? VacanciesAdvertised { get; set; }
    [JsonPropertyName("applications")] public int? Applications { get; set; }
    [JsonPropertyName("starters")] public int Starters { get; set; }
    [JsonPropertyName("leavers")] public int Leavers { get; set; }
    [JsonPropertyName("agency_fte")] public double? AgencyFte { get; set; }
    [JsonPropertyName("bank_fte")] public double? BankFte { get; set; }
    [JsonPropertyName("source_row")] public int SourceRow { get; set; }
    [JsonPropertyName("source_sha256")] public string SourceSha256 { get; set; } = "";

    [ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    [JsonPropertyName("uploaded_at")] public DateTime UploadedAt { get; set; }
}
