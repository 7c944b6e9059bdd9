using Pipeline.Core.Reference;

namespace Pipeline.Core.Indicators;

/// <summary>
/// One indicator, written as the spec's formula over a scope's sums <typeparamref name="TSums"/>.
/// A ratio's value is numerator / denominator (null when the denominator is 0); a count or sum
/// has no denominator and its value is its numerator.
/// </summary>
public sealed record IndicatorDefinition<TSums>(
    string Name,
    IReadOnlyList<string> ScopeTypes,
    Func<TSums, double?> Numerator,
    Func<TSums, double?>? Denominator,
    Func<TSums, int> PartnersReporting,
    bool Disclosive)
{
    public bool IsRatio => Denominator is not null;
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
        Ratio<VacancySums>("vacancy_rate", s => s.VacanciesFte, s => s.StaffInPostFte + s.VacanciesFte, s => s.Partners.Count),
        Sum<VacancySums>("vacancies_fte", s => s.VacanciesFte, s => s.Partners.Count),
        Ratio<VacancySums>("applications_per_advert", s => s.Applications, s => s.VacanciesAdvertised, s => s.AdvertPartners.Count),
        Sum<VacancySums>("starters", s => s.Starters, s => s.Partners.Count),
        Sum<VacancySums>("leavers", s => s.Leavers, s => s.Partners.Count),
        Sum<VacancySums>("net_flow", s => s.Starters - s.Leavers, s => s.Partners.Count),
        Ratio<VacancySums>("agency_share", s => s.AgencyFte, s => s.StaffInPostFteWithAgency + s.AgencyFte, s => s.AgencyPartners.Count),
    ];

    /// <summary>From curated/vacancies rows of the 12 months ending with the month.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<TurnoverSums>> Turnover =
    [
        Ratio<TurnoverSums>("turnover_rate_12m", s => s.AnnualisedLeavers, s => s.MeanHeadcount, s => s.Partners.Count),
    ];

    /// <summary>From the partner registry and the curated/vacancies partitions.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<CoverageSums>> Coverage =
    [
        Ratio<CoverageSums>("submission_coverage", s => s.Reporting, s => s.Active, s => s.Reporting, PartnershipOnly),
    ];

    /// <summary>From curated/exits rows with leave_date in the month: about people, so disclosure control applies.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<ExitSums>> Exits =
    [
        Exit(Sum<ExitSums>("exit_count", s => s.Exits, s => s.Partners.Count)),
        Exit(Ratio<ExitSums>("left_sector_share", s => s.LeftSector, s => s.DestinationKnown, s => s.DestinationPartners.Count)),
        Exit(Ratio<ExitSums>("retained_in_system_share", s => s.WithinPartnership, s => s.DestinationKnown, s => s.DestinationPartners.Count)),
        Exit(Ratio<ExitSums>("early_leaver_share", s => s.EarlyLeavers, s => s.ServiceKnown, s => s.ServicePartners.Count)),
        .. ReferenceData.Reasons.Codes.Select(code =>
            Exit(Ratio<ExitSums>(ReasonSharePrefix + code, s => s.Reason(code), s => s.Exits, s => s.Partners.Count))),
        Exit(Ratio<ExitSums>("would_return_share", s => s.WouldReturnYes, s => s.WouldReturnYes + s.WouldReturnNo, s => s.AnswerPartners.Count)),
    ];

    /// <summary>From curated/lmi_postings and curated/lmi_claimants: the labour market, not partners' rows.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<LmiSums>> Postings =
    [
        Sum<LmiSums>("job_postings", s => s.Postings, _ => 0, PartnershipAndRole),
        Sum<LmiSums>("median_advertised_salary", s => s.MedianSalary, _ => 0, PartnershipAndRole),
    ];

    /// <summary>Months with claimant data.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<LmiSums>> Claimants =
    [
        Sum<LmiSums>("claimants", s => s.Claimants, _ => 0, PartnershipOnly),
    ];

    /// <summary>Months with postings or claimant data; null without claimants.</summary>
    public static readonly IReadOnlyList<IndicatorDefinition<LmiSums>> PostingsPerClaimant =
    [
        Ratio<LmiSums>("postings_per_100_claimants", s => 100.0 * s.Postings, s => s.Claimants, _ => 0, PartnershipOnly),
    ];

    private static IndicatorDefinition<T> Ratio<T>(string name, Func<T, double?> numerator, Func<T, double?> denominator,
        Func<T, int> partners, IReadOnlyList<string>? scopes = null) =>
        new(name, scopes ?? AllScopes, numerator, denominator, partners, Disclosive: false);

    private static IndicatorDefinition<T> Sum<T>(string name, Func<T, double?> value, Func<T, int> partners, IReadOnlyList<string>? scopes = null) =>
        new(name, scopes ?? AllScopes, value, null, partners, Disclosive: false);

    private static IndicatorDefinition<ExitSums> Exit(IndicatorDefinition<ExitSums> definition) => definition with { Disclosive = true };
}
