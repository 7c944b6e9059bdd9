namespace Pipeline.Core.Indicators;

/// <summary>The figures of some curated vacancy rows, summed: of one row, a cell or a scope.</summary>
/// <param name="Applications">Over rows where both applications and vacancies_advertised are present (so is <paramref name="VacanciesAdvertised"/>).</param>
/// <param name="AgencyFte">Over rows where agency_fte is present (so is <paramref name="StaffInPostFteWithAgency"/>).</param>
public readonly record struct VacancyTotals(
    double VacanciesFte, double StaffInPostFte, long StaffInPostHeadcount, long Starters, long Leavers,
    long Applications, long VacanciesAdvertised, int AdvertRows,
    double AgencyFte, double StaffInPostFteWithAgency, int AgencyRows)
{
    /// <summary>One curated row's figures.</summary>
    public static VacancyTotals Row(double vacanciesFte, double staffInPostFte, int headcount, int starters, int leavers,
        int? applications, int? vacanciesAdvertised, double? agencyFte)
    {
        var adverts = applications is not null && vacanciesAdvertised is not null;
        return new(vacanciesFte, staffInPostFte, headcount, starters, leavers,
            adverts ? applications!.Value : 0, adverts ? vacanciesAdvertised!.Value : 0, adverts ? 1 : 0,
            agencyFte ?? 0, agencyFte is null ? 0 : staffInPostFte, agencyFte is null ? 0 : 1);
    }

    public VacancyTotals Plus(VacancyTotals other) => new(
        VacanciesFte + other.VacanciesFte, StaffInPostFte + other.StaffInPostFte, StaffInPostHeadcount + other.StaffInPostHeadcount,
        Starters + other.Starters, Leavers + other.Leavers,
        Applications + other.Applications, VacanciesAdvertised + other.VacanciesAdvertised, AdvertRows + other.AdvertRows,
        AgencyFte + other.AgencyFte, StaffInPostFteWithAgency + other.StaffInPostFteWithAgency, AgencyRows + other.AgencyRows);
}

/// <summary>
/// Sums of curated vacancy rows: for one (partner, role) cell of a month, or for a whole scope
/// once cells are added. Each partner set names the partners whose rows went into that sum (a
/// cell's rows are all its partner's, so its sets stay empty and its totals count rows instead).
/// </summary>
public sealed class VacancySums : ICellSums<VacancySums>
{
    public VacancyTotals Totals { get; private set; }

    public HashSet<string> Partners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> AdvertPartners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> AgencyPartners { get; } = new(StringComparer.Ordinal);

    public void AddRow(VacancyTotals row) => Totals = Totals.Plus(row);

    /// <summary>Adds the sums of a cell of <paramref name="partner"/>'s rows.</summary>
    public void Add(string partner, VacancySums cell)
    {
        Totals = Totals.Plus(cell.Totals);
        Partners.Add(partner);
        PartnerSets.AddIfAny(AdvertPartners, partner, cell.Totals.AdvertRows);
        PartnerSets.AddIfAny(AgencyPartners, partner, cell.Totals.AgencyRows);
    }
}

/// <summary>The counts of some curated exit rows (leavers): of one row, a cell or a scope.</summary>
public readonly record struct ExitTotals(
    long Exits, long DestinationKnown, long LeftSector, long WithinPartnership, long ServiceKnown, long EarlyLeavers,
    long WouldReturnYes, long WouldReturnNo)
{
    public const int EarlyLeaverMonths = 12;

    /// <summary>One curated exit row's counts.</summary>
    public static ExitTotals Row(string destination, int? lengthOfServiceMonths, bool? wouldReturn)
    {
        var destinationKnown = destination != Destinations.Unknown;
        return new(1, One(destinationKnown), One(destinationKnown && destination == Destinations.LeftSector),
            One(destinationKnown && destination == Destinations.WithinPartnership),
            One(lengthOfServiceMonths is not null), One(lengthOfServiceMonths < EarlyLeaverMonths),
            One(wouldReturn == true), One(wouldReturn == false));
    }

    public ExitTotals Plus(ExitTotals other) => new(
        Exits + other.Exits, DestinationKnown + other.DestinationKnown, LeftSector + other.LeftSector,
        WithinPartnership + other.WithinPartnership, ServiceKnown + other.ServiceKnown, EarlyLeavers + other.EarlyLeavers,
        WouldReturnYes + other.WouldReturnYes, WouldReturnNo + other.WouldReturnNo);

    private static long One(bool counts) => counts ? 1 : 0;
}

/// <summary>
/// Counts of curated exit rows (leavers) for a cell or a scope, with the reasons for leaving. As
/// with <see cref="VacancySums"/>, the partner sets are filled when cells are added into a scope.
/// </summary>
public sealed class ExitSums : ICellSums<ExitSums>
{
    public ExitTotals Totals { get; private set; }
    public Dictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Partners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> DestinationPartners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ServicePartners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> AnswerPartners { get; } = new(StringComparer.Ordinal);

    public long Reason(string code) => Reasons.GetValueOrDefault(code);

    /// <summary>One curated exit row.</summary>
    public void AddRow(string reason, ExitTotals row)
    {
        Totals = Totals.Plus(row);
        Reasons[reason] = Reason(reason) + 1;
    }

    /// <summary>Adds the counts of a cell of <paramref name="partner"/>'s rows.</summary>
    public void Add(string partner, ExitSums cell)
    {
        Totals = Totals.Plus(cell.Totals);
        foreach (var (code, count) in cell.Reasons)
        {
            Reasons[code] = Reason(code) + count;
        }
        Partners.Add(partner);
        PartnerSets.AddIfAny(DestinationPartners, partner, cell.Totals.DestinationKnown);
        PartnerSets.AddIfAny(ServicePartners, partner, cell.Totals.ServiceKnown);
        PartnerSets.AddIfAny(AnswerPartners, partner, cell.Totals.WouldReturnYes + cell.Totals.WouldReturnNo);
    }
}

/// <summary>Sums a scope builds by adding its cells, each of one partner's rows.</summary>
public interface ICellSums<in TSums>
{
    void Add(string partner, TSums cell);
}

internal static class PartnerSets
{
    /// <summary>Names the partner in a scope's set when any of its rows counted towards that sum.</summary>
    public static void AddIfAny(HashSet<string> partners, string partner, long rows)
    {
        if (rows > 0)
        {
            partners.Add(partner);
        }
    }
}

/// <summary>
/// turnover_rate_12m for one scope: over the qualifying (partner, role) units, the annualised
/// leavers (12 / m_u x leavers_u) and the mean monthly headcounts.
/// </summary>
public sealed class TurnoverSums
{
    public double AnnualisedLeavers { get; private set; }
    public double MeanHeadcount { get; private set; }
    public int Units { get; private set; }
    public HashSet<string> Partners { get; } = new(StringComparer.Ordinal);

    public void AddUnit(string partner, int months, long leavers, long headcountMonthSum)
    {
        AnnualisedLeavers += 12.0 / months * leavers;
        MeanHeadcount += (double)headcountMonthSum / months;
        Units++;
        Partners.Add(partner);
    }
}

/// <summary>submission_coverage: active partners with an accepted vacancies return for the month, of all active partners.</summary>
public sealed record CoverageSums(int Reporting, int Active);

/// <summary>One month's labour-market feed data for one scope.</summary>
public sealed class LmiSums
{
    public int Postings { get; set; }
    public double? MedianSalary { get; set; }
    public double? Claimants { get; set; }
    public double? NhsBenchmarkRate { get; set; }
}

/// <summary>The destination codes the indicators test for.</summary>
public static class Destinations
{
    public const string Unknown = "unknown";
    public const string LeftSector = "left_sector";
    public const string WithinPartnership = "within_partnership";
}
