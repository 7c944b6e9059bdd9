using System.Text.Encodings.Web;
using System.Text.Json.Serialization;

namespace Pipeline.Synthetic;

/// <summary>
/// <c>manifest.json</c>: what <c>pipeline generate</c> wrote and what ingestion should make of it, recorded
/// by the generator itself (independently of the pipeline) so tests can compare the two.
/// </summary>
public sealed record Manifest(
    int Seed,
    int Partners,
    IReadOnlyList<string> Months,
    int? RowsPerFile,
    IReadOnlyList<ManifestFile> Files,
    ManifestTotals Totals)
{
    public const string FileName = "manifest.json";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Manifest Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Manifest>(stream, JsonOptions) ?? throw new InvalidDataException($"{path} is not a manifest");
    }
}

/// <summary>
/// One upload. <see cref="Path"/> is relative to the output folder (<c>landing/{partner}/{dataset}/{file}</c>);
/// <see cref="Expected"/> is <c>accepted</c> or <c>refused</c>; <see cref="Encoding"/> is <c>utf-8</c>,
/// <c>utf-8-bom</c>, <c>utf-16le-bom</c> or <c>windows-1252</c> (none for XLSX); <see cref="Rows"/> counts data rows.
/// </summary>
public sealed record ManifestFile(
    string Path,
    string Partner,
    string Dataset,
    string Period,
    string Format,
    string? Encoding,
    string? Delimiter,
    string HeaderStyle,
    string? Sheet,
    string? ExtraColumn,
    long Rows,
    DateTimeOffset UploadedAt,
    string Expected,
    ManifestDefect? Defect);

/// <summary>
/// The defect of a bad file: its kind, the row numbers the partner sees (header = row 1), the column as the
/// file's header spells it, the contract column it stands for, and the value written there.
/// </summary>
public sealed record ManifestDefect(string Kind, IReadOnlyList<int> Rows, string? Column, string? Field, string? Value);

/// <summary>Totals over the files expected to be accepted; refused files count only in <see cref="RefusedFiles"/>.</summary>
public sealed record ManifestTotals(VacancyTotals Vacancies, ExitTotals Exits, int RefusedFiles);

public sealed record VacancyTotals(
    int Files,
    long Rows,
    [property: JsonPropertyName("vacancies_fte")] decimal VacanciesFte,
    [property: JsonPropertyName("staff_in_post_fte")] decimal StaffInPostFte,
    [property: JsonPropertyName("staff_in_post_headcount")] long StaffInPostHeadcount,
    [property: JsonPropertyName("starters")] long Starters,
    [property: JsonPropertyName("leavers")] long Leavers);

public sealed record ExitTotals(int Files, long Rows);
