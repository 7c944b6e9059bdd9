namespace Pipeline.Core.Indicators;

/// <summary>What an indicator's value is, which decides how people are shown it.</summary>
public enum IndicatorKind
{
    /// <summary>A fraction of a whole, shown as a percentage (0.083 is 8.3%).</summary>
    Rate,

    /// <summary>One amount per another (applications per advert), shown as a plain number.</summary>
    Ratio,

    /// <summary>A whole count of people, postings or records.</summary>
    Count,

    /// <summary>An amount that need not be whole (FTE).</summary>
    Number,

    /// <summary>Pounds sterling.</summary>
    Money,
}

/// <summary>An indicator as people are told about it: its name, a plain-English label and its kind.</summary>
public sealed record IndicatorDescription(string Name, string Label, IndicatorKind Kind)
{
    /// <summary>The kind's name in JSON and elsewhere people read it: rate, ratio, count, number, money.</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();
}

/// <summary>
/// One indicator, written as the spec's formula over a scope's sums <typeparamref name="TSums"/>.
/// A ratio's value is numerator / denominator (null when the denominator is 0); a count or sum
/// has no denominator and its value is its numerator.
/// </summary>
public sealed record IndicatorDefinition<TSums>(
    string Name,
    string Label,
    IndicatorKind Kind,
    IReadOnlyList<string> ScopeTypes,
    Func<TSums, double?> Numerator,
    Func<TSums, double?>? Denominator,
    Func<TSums, int> PartnersReporting,
    bool Disclosive)
{
    public bool IsRatio => Denominator is not null;

    public IndicatorDescription Description => new(Name, Label, Kind);
}

/// <summary>
/// Every success indicator (SPEC "Success indicators"), once, grouped by the data it is built from.
/// docs/indicators.md explains each to coordinators; keep the two in step.
/// </summary>
public static class IndicatorDefinitions
{
    public const string ReasonSharePrefix = "reason_share:";

    private static readonly IReadOnlyList<string> AllScopes = Indicators.ScopeTypes.All;
    private static readonly IReadOnlyList<string> PartnershipOnly = [Indicators.ScopeTypes.Partnership];
    private static readonly IReadOnlyList<string> PartnershipAndRole = [Indicators.ScopeTypes.Partnership, Indicators.ScopeTypes.Role];

    /// <summary>From curated/vacancies rows of the month.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<VacancySums>> Vacancies =
    [
        Ratio<VacancySums>("vacancy_rate", "Vacancy rate", IndicatorKind.Rate, s => s.Totals.VacanciesFte, s => s.Totals.StaffInPostFte + s.Totals.VacanciesFte, s => s.Partners.Count),
        Sum<VacancySums>("vacancies_fte", "Vacancies (FTE)", IndicatorKind.Number, s => s.Totals.VacanciesFte, s => s.Partners.Count),
        Ratio<VacancySums>("applications_per_advert", "Applications per advert", IndicatorKind.Ratio, s => s.Totals.Applications, s => s.Totals.VacanciesAdvertised, s => s.AdvertPartners.Count),
        Sum<VacancySums>("starters", "Starters", IndicatorKind.Count, s => s.Totals.Starters, s => s.Partners.Count),
        Sum<VacancySums>("leavers", "Leavers", IndicatorKind.Count, s => s.Totals.Leavers, s => s.Partners.Count),
        Sum<VacancySums>("net_flow", "Starters minus leavers", IndicatorKind.Count, s => s.Totals.Starters - s.Totals.Leavers, s => s.Partners.Count),
        Ratio<VacancySums>("agency_share", "Agency share", IndicatorKind.Rate, s => s.Totals.AgencyFte, s => s.Totals.StaffInPostFteWithAgency + s.Totals.AgencyFte, s => s.AgencyPartners.Count),
    ];

    /// <summary>From curated/vacancies rows of the 12 months ending with the month.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<TurnoverSums>> Turnover =
    [
        Ratio<TurnoverSums>("turnover_rate_12m", "Turnover (12 months)", IndicatorKind.Rate, s => s.AnnualisedLeavers, s => s.MeanHeadcount, s => s.Partners.Count),
    ];

    /// <summary>From the partner registry and the curated/vacancies partitions.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<CoverageSums>> Coverage =
    [
        Ratio<CoverageSums>("submission_coverage", "Submission coverage", IndicatorKind.Rate, s => s.Reporting, s => s.Active, s => s.Reporting, PartnershipOnly),
    ];

    /// <summary>From curated/exits rows with leave_date in the month: about people, so disclosure control applies.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<ExitSums>> Exits =
    [
        Exit(Sum<ExitSums>("exit_count", "Exit records", IndicatorKind.Count, s => s.Totals.Exits, s => s.Partners.Count)),
        Exit(Ratio<ExitSums>("left_sector_share", "Left health and care", IndicatorKind.Rate, s => s.Totals.LeftSector, s => s.Totals.DestinationKnown, s => s.DestinationPartners.Count)),
        Exit(Ratio<ExitSums>("retained_in_system_share", "Stayed in the partnership", IndicatorKind.Rate, s => s.Totals.WithinPartnership, s => s.Totals.DestinationKnown, s => s.DestinationPartners.Count)),
        Exit(Ratio<ExitSums>("early_leaver_share", "Left within a year", IndicatorKind.Rate, s => s.Totals.EarlyLeavers, s => s.Totals.ServiceKnown, s => s.ServicePartners.Count)),
        .. ReferenceData.Reasons.Codes.Select(code =>
            Exit(Ratio<ExitSums>(ReasonSharePrefix + code, "Reason for leaving: " + ReferenceData.Reasons.Get(code).Name, IndicatorKind.Rate, s => s.Reason(code), s => s.Totals.Exits, s => s.Partners.Count))),
        Exit(Ratio<ExitSums>("would_return_share", "Would return", IndicatorKind.Rate, s => s.Totals.WouldReturnYes, s => s.Totals.WouldReturnYes + s.Totals.WouldReturnNo, s => s.AnswerPartners.Count)),
    ];

    /// <summary>From curated/lmi_postings and curated/lmi_claimants: the labour market, not partners' rows.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<LmiSums>> Postings =
    [
        Sum<LmiSums>("job_postings", "Job adverts (online)", IndicatorKind.Count, s => s.Postings, _ => 0, PartnershipAndRole),
        Sum<LmiSums>("median_advertised_salary", "Median advertised salary", IndicatorKind.Money, s => s.MedianSalary, _ => 0, PartnershipAndRole),
    ];

    /// <summary>Months with claimant data.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<LmiSums>> Claimants =
    [
        Sum<LmiSums>("claimants", "Claimants", IndicatorKind.Count, s => s.Claimants, _ => 0, PartnershipOnly),
    ];

    /// <summary>Months with postings or claimant data; null without claimants.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<LmiSums>> PostingsPerClaimant =
    [
        Ratio<LmiSums>("postings_per_100_claimants", "Adverts per 100 claimants", IndicatorKind.Ratio, s => 100.0 * s.Postings, s => s.Claimants, _ => 0, PartnershipOnly),
    ];

    /// <summary>Quarter-end months of the NHS vacancy statistics: the benchmark region's rate beside the partnership's own.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<LmiSums>> NhsBenchmark =
    [
        Sum<LmiSums>("nhs_region_vacancy_rate", "NHS vacancy rate of the region (benchmark)", IndicatorKind.Rate, s => s.NhsBenchmarkRate, _ => 0, PartnershipOnly),
    ];

    /// <summary>Every indicator, in the order rows are written.</summary>
    public static readonly IReadOnlyList<IndicatorDescription> All =
    [
        .. Vacancies.Select(d => d.Description), .. Turnover.Select(d => d.Description), .. Coverage.Select(d => d.Description),
        .. Exits.Select(d => d.Description), .. Postings.Select(d => d.Description), .. Claimants.Select(d => d.Description),
        .. PostingsPerClaimant.Select(d => d.Description), .. NhsBenchmark.Select(d => d.Description),
    ];

    private static readonly Dictionary<string, IndicatorDescription> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The indicator's label and kind; null for a name that is not an indicator.</summary>
    public static IndicatorDescription? Describe(string name) => ByName.GetValueOrDefault(name);

    private static IndicatorDefinition<T> Ratio<T>(string name, string label, IndicatorKind kind, Func<T, double?> numerator, Func<T, double?> denominator,
        Func<T, int> partners, IReadOnlyList<string>? scopes = null) =>
        new(name, label, kind, scopes ?? AllScopes, numerator, denominator, partners, Disclosive: false);

    private static IndicatorDefinition<T> Sum<T>(string name, string label, IndicatorKind kind, Func<T, double?> value, Func<T, int> partners,
        IReadOnlyList<string>? scopes = null) =>
        new(name, label, kind, scopes ?? AllScopes, value, null, partners, Disclosive: false);

    private static IndicatorDefinition<ExitSums> Exit(IndicatorDefinition<ExitSums> definition) => definition with { Disclosive = true };
}
