namespace Pipeline.Synthetic;

/// <summary>One row of a vacancy return: a role at a site (site null when the partner reports no sites).</summary>
internal readonly record struct WorkforceUnit(int Index, string Role, string? Site);

/// <summary>The month-end figures of one unit, as the partner reports them.</summary>
internal readonly record struct VacancyFigures(
    decimal? EstablishmentFte,
    decimal StaffInPostFte,
    int StaffInPostHeadcount,
    decimal VacanciesFte,
    int? VacanciesAdvertised,
    int? Applications,
    int Starters,
    int Leavers,
    decimal? AgencyFte,
    decimal? BankFte);

/// <summary>
/// A partner's workforce as a pure function of (unit, month): the same unit and month always give the
/// same figures, so a vacancy return and the exits extract of that month agree without either
/// being held in memory, and a million-row return streams.
/// </summary>
internal sealed class PartnerWorkforce
{
    private static readonly Period Epoch = new(2015, 1);
    private const int ReferenceMonth = 132; // 2026-01, where growth and trends are centred

    private readonly SyntheticPartner _partner;
    private readonly int _seed;
    private readonly string _unitStream;
    private readonly string _monthStream;

    public PartnerWorkforce(SyntheticPartner partner, int seed, int? rowsPerFile)
    {
        _partner = partner;
        _seed = seed;
        _unitStream = partner.Id + "/unit";
        _monthStream = partner.Id + "/month";
        var natural = partner.Roles.Count * Math.Max(1, partner.Sites.Count);
        UnitCount = rowsPerFile ?? natural;
        HasSiteColumn = partner.HasSites || UnitCount > partner.Roles.Count;
    }

    public SyntheticPartner Partner => _partner;

    public int UnitCount { get; }

    public bool HasSiteColumn { get; }

    public IEnumerable<WorkforceUnit> Units()
    {
        for (var index = 0; index < UnitCount; index++)
        {
            yield return Unit(index);
        }
    }

    public WorkforceUnit Unit(int index)
    {
        var role = _partner.Roles[index % _partner.Roles.Count].Role;
        return new WorkforceUnit(index, role, HasSiteColumn ? SiteName(index / _partner.Roles.Count) : null);
    }

    public VacancyFigures Figures(WorkforceUnit unit, Period period)
    {
        var profile = UnitProfile.For(_partner, SeededRandom.For(_seed, _unitStream, unit.Index), unit);
        var month = period.MonthsSince(Epoch);
        var noise = SeededRandom.For(_seed, _monthStream, unit.Index, month);

        var headcount = profile.Headcount(month);
        var inPost = Round2(headcount * profile.FteRatio);
        var rate = profile.VacancyRate(month);
        var vacancies = Round2((double)inPost * rate / (1 - rate));
        var leavers = (int)Math.Floor(headcount * profile.MonthlyTurnover + noise.NextDouble());
        var starters = Math.Max(0, headcount - profile.Headcount(month - 1) + leavers);

        decimal? establishment = !_partner.ReportsEstablishment ? null
            : _partner.RoundsEstablishment ? Math.Round(inPost + vacancies, 1, MidpointRounding.AwayFromZero)
            : inPost + vacancies;
        int? advertised = _partner.ReportsAdverts ? RoundInt((double)vacancies * profile.AdvertShare * noise.Between(0.7, 1.3)) : null;
        int? applications = advertised is { } adverts ? RoundInt(adverts * profile.ApplicationsPerAdvert * noise.Between(0.6, 1.4)) : null;
        decimal? agency = _partner.ReportsAgency ? Round2((double)vacancies * profile.AgencyShare * noise.Between(0.7, 1.3)) : null;
        decimal? bank = _partner.ReportsAgency ? Round2((double)inPost * profile.BankShare * noise.Between(0.7, 1.3)) : null;

        return new VacancyFigures(establishment, inPost, headcount, vacancies, advertised, applications, starters, leavers, agency, bank);
    }

    private string SiteName(int siteIndex) =>
        siteIndex < _partner.Sites.Count ? _partner.Sites[siteIndex]
        : siteIndex == 0 ? "Main site"
        : $"Unit {siteIndex:D6}";

    private static decimal Round2(double value) => (decimal)Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static int RoundInt(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>The unit's lasting character: size, part-time share, vacancy level and its drift and season.</summary>
    private sealed record UnitProfile(
        double BaseHeadcount, bool FixedHeadcount, double FteRatio, double Growth, double Phase,
        double VacancyBase, double VacancyAmplitude, double VacancyTrend, double VacancyPhase,
        double MonthlyTurnover, double AdvertShare, double ApplicationsPerAdvert, double AgencyShare, double BankShare)
    {
        public static UnitProfile For(SyntheticPartner partner, SeededRandom random, WorkforceUnit unit)
        {
            var manager = unit.Role == "registered_manager";
            var typical = partner.Roles.Single(r => r.Role == unit.Role).Headcount;
            var perSite = typical * partner.Size / Math.Max(1, partner.Sites.Count);
            return new UnitProfile(
                BaseHeadcount: manager ? Math.Max(1, Math.Round(perSite)) : Math.Max(1, perSite * random.Between(0.8, 1.2)),
                FixedHeadcount: manager,
                FteRatio: manager ? 1.0 : random.Between(0.72, 0.95),
                Growth: random.Between(-0.003, 0.004),
                Phase: random.Between(0, 12),
                VacancyBase: random.Between(0.05, 0.11),
                VacancyAmplitude: random.Between(0.005, 0.025),
                VacancyTrend: random.Between(-0.0015, 0.0005),
                VacancyPhase: random.Between(0, 12),
                MonthlyTurnover: random.Between(0.01, 0.03),
                AdvertShare: random.Between(0.4, 1.0),
                ApplicationsPerAdvert: random.Between(1.5, 9),
                AgencyShare: random.Between(0.1, 0.6),
                BankShare: random.Between(0.02, 0.08));
        }

        public int Headcount(int month)
        {
            if (FixedHeadcount)
            {
                return (int)BaseHeadcount;
            }
            var drift = Math.Max(0.5, 1 + Growth * (month - ReferenceMonth) + 0.015 * Math.Sin(2 * Math.PI * (month + Phase) / 12));
            return Math.Max(1, RoundInt(BaseHeadcount * drift));
        }

        /// <summary>Vacancies / (in post + vacancies): 3% to 15%, drifting slowly with a yearly season.</summary>
        public double VacancyRate(int month) =>
            Math.Clamp(
                VacancyBase + VacancyAmplitude * Math.Sin(2 * Math.PI * (month + VacancyPhase) / 12) + VacancyTrend * (month - ReferenceMonth),
                0.03, 0.15);
    }
}
