namespace Pipeline.Core.Lake;

/// <summary>The partner upload datasets (SPEC "Datasets") and the curated LMI datasets.</summary>
public static class Datasets
{
    public const string Vacancies = "vacancies";
    public const string Exits = "exits";

    public const string LmiClaimants = "lmi_claimants";
    public const string LmiPostings = "lmi_postings";
    public const string LmiNhsVacancies = "lmi_nhs_vacancies";

    public static readonly IReadOnlyList<string> Uploads = [Vacancies, Exits];

    public static bool IsUpload(string dataset) => Uploads.Contains(dataset);
}
