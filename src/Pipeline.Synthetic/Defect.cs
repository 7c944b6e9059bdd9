namespace Pipeline.Synthetic;

/// <summary>The one thing wrong with a deliberately bad upload.</summary>
public enum DefectKind
{
    MissingRequiredColumn,
    NegativeNumber,
    UnknownRole,
    FuturePeriod,
    DuplicateRows,
    OtherPartner,
    NonNumericFte,
    DuplicateLeaverId,
}

/// <summary>
/// Where the defect goes: data rows counted from 0 (the partner sees data row i as row i + 2, the header
/// being row 1), the contract column it is in, and the value written there.
/// </summary>
internal sealed record Defect(DefectKind Kind, int Row, int SecondRow, string? Field, string? Value)
{
    public string Dataset => Kind == DefectKind.DuplicateLeaverId ? Datasets.Exits : Datasets.Vacancies;

    public static string Name(DefectKind kind) => kind switch
    {
        DefectKind.MissingRequiredColumn => "missing-required-column",
        DefectKind.NegativeNumber => "negative-number",
        DefectKind.UnknownRole => "unknown-role",
        DefectKind.FuturePeriod => "future-period",
        DefectKind.DuplicateRows => "duplicate-rows",
        DefectKind.OtherPartner => "other-partner",
        DefectKind.NonNumericFte => "non-numeric-fte",
        _ => "duplicate-leaver-id",
    };

    /// <summary>The row numbers the partner would see in a spreadsheet.</summary>
    public IReadOnlyList<int> PartnerRows => Kind switch
    {
        DefectKind.MissingRequiredColumn => [1],
        DefectKind.DuplicateRows or DefectKind.DuplicateLeaverId => [Row + 2, SecondRow + 2],
        _ => [Row + 2],
    };
}
