namespace Pipeline.Core.Indicators;

/// <summary>
/// Sums of curated vacancy rows: for one (partner, role) cell of a month, or for a whole scope
/// once cells are added. Each partner set names the partners whose rows went into that sum (a
/// cell's rows are all its partner's, so its sets stay empty and it counts rows instead).
/// </summary>
public sealed class VacancySums : ICellSums<VacancySums>
{
    public double VacanciesFte { get; private set; }
    public double StaffInPostFte { get; private set; }
    public long StaffInPostHeadcount { get; private set; }
    public long Starters { get; private set; }
    public long Leavers { get; private set; }

    /// <summary>Over rows where both applications and vacancies_advertised are present.</summary>
    public long Applications { get; private set; }
    public long VacanciesAdvertised { get; private set; }
    public int AdvertRows { get; private set; }

    /// <summary>Over rows where agency_fte is present.</summary>
    public double AgencyFte { get; private set; }
    public double StaffInPostFteWithAgency { get; private set; }
    public int AgencyRows { get; private set; }

    public HashSet<string> Partners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> AdvertPartners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> AgencyPartners { get; } = new(StringComparer.Ordinal);

    /// <summary>One curated row's figures.</summary>
    public void AddRow(double vacanciesFte, double staffInPostFte, int headcount, int starters, int leavers,
        int? applications, int? vacanciesAdvertised, double? agencyFte)
    {
        VacanciesFte += vacanciesFte;
        StaffInPostFte += staffInPostFte;
        StaffInPostHeadcount += headcount;
        Starters += starters;
        Leavers += leavers;
        if (applications is { } withApplications && vacanciesAdvertised is { } advertised)
        {
            Applications += withApplications;
            VacanciesAdvertised += advertised;
            AdvertRows++;
        }
        if (agencyFte is { } agency)
        {
            AgencyFte += agency;
            StaffInPostFteWithAgency += staffInPostFte;
            AgencyRows++;
        }
    }

    /// <summary>Adds the sums of a cell of <paramref name="partner"/>'s rows.</summary>
    public void Add(string partner, VacancySums cell)
    {
        VacanciesFte += cell.VacanciesFte;
        StaffInPostFte += cell.StaffInPostFte;
        StaffInPostHeadcount += cell.StaffInPostHeadcount;
        Starters += cell.Starters;
        Leavers += cell.Leavers;
        Applications += cell.Applications;
        VacanciesAdvertised += cell.VacanciesAdvertised;
        AdvertRows += cell.AdvertRows;
        AgencyFte += cell.AgencyFte;
        StaffInPostFteWithAgency += cell.StaffInPostFteWithAgency;
        AgencyRows += cell.AgencyRows;
        Partners.Add(partner);
        PartnerSets.AddIfAny(AdvertPartners, partner, cell.AdvertRows);
        PartnerSets.AddIfAny(AgencyPartners, partner, cell.AgencyRows);
    }
}

/// <summary>
/// Counts of curated exit rows (leavers) for a cell or a scope. As with <see cref="VacancySums"/>,
/// the partner sets are filled when cells are added into a scope.
/// </summary>
public sealed class ExitSums : ICellSums<ExitSums>
{
    public const int EarlyLeaverMonths = 12;

    public long Exits { get; private set; }
    public long DestinationKnown { get; private set; }
    public long LeftSector { get; private set; }
    public long WithinPartnership { get; private set; }
    public long ServiceKnown { get; private set; }
    public long EarlyLeavers { get; private set; }
    public long WouldReturnYes { get; private set; }
    public long WouldReturnNo { get; private set; }
    public Dictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Partners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> DestinationPartners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ServicePartners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> AnswerPartners { get; } = new(StringComparer.Ordinal);

    public long Reason(string code) => Reasons.GetValueOrDefault(code);

    /// <summary>One curated exit row.</summary>
    public void AddRow(string reason, string destination, int? lengthOfServiceMonths, bool? wouldReturn)
    {
        Exits++;
        Reasons[reason] = Reason(reason) + 1;
        if (destination != Destinations.Unknown)
        {
            DestinationKnown++;
            LeftSector += destination == Destinations.LeftSector ? 1 : 0;
            WithinPartnership += destination == Destinations.WithinPartnership ? 1 : 0;
        }
        if (lengthOfServiceMonths is { } months)
        {
            ServiceKnown++;
            EarlyLeavers += months < EarlyLeaverMonths ? 1 : 0;
        }
        if (wouldReturn is { } answer)
        {
            WouldReturnYes += answer ? 1 : 0;
            WouldReturnNo += answer ? 0 : 1;
        }
    }

    /// <summary>Adds the counts of a cell of <paramref name="partner"/>'s rows.</summary>
    public void Add(string partner, ExitSums cell)
    {
        Exits += cell.Exits;
        DestinationKnown += cell.DestinationKnown;
        LeftSector += cell.LeftSector;
        WithinPartnership += cell.WithinPartnership;
        ServiceKnown += cell.ServiceKnown;
        EarlyLeavers += cell.EarlyLeavers;
        WouldReturnYes += cell.WouldReturnYes;
        WouldReturnNo += cell.WouldReturnNo;
        foreach (var (code, count) in cell.Reasons)
        {
            Reasons[code] = Reason(code) + count;
        }
        Partners.Add(partner);
        PartnerSets.AddIfAny(DestinationPartners, partner, cell.DestinationKnown);
        PartnerSets.AddIfAny(ServicePartners, partner, cell.ServiceKnown);
        PartnerSets.AddIfAny(AnswerPartners, partner, cell.WouldReturnYes + cell.WouldReturnNo);
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
