using Pipeline.Core.Curated;

namespace Pipeline.Core.Indicators;

/// <summary>
/// Sums of curated vacancy rows: for one (partner, role) cell of a month, or for a whole scope
/// once cells are merged. Each partner set names the partners whose rows went into that sum.
/// </summary>
public sealed class VacancySums
{
    public double VacanciesFte { get; private set; }
    public double StaffInPostFte { get; private set; }
    public long StaffInPostHeadcount { get; private set; }
    public long Starters { get; private set; }
    public long Leavers { get; private set; }

    /// <summary>Over rows where both applications and vacancies_advertised are present.</summary>
    public long Applications { get; private set; }
    public long VacanciesAdvertised { get; private set; }

    /// <summary>Over rows where agency_fte is present.</summary>
    public double AgencyFte { get; private set; }
    public double StaffInPostFteWithAgency { get; private set; }

    public HashSet<string> Partners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> AdvertPartners { get; } = new(StringComparer.Ordinal);
    public HashSet<string> AgencyPartners { get; } = new(StringComparer.Ordinal);

    public void AddRow(string partner, VacancyRecord row)
    {
        VacanciesFte += row.VacanciesFte;
        StaffInPostFte += row.StaffInPostFte;
        StaffInPostHeadcount += row.StaffInPostHeadcount;
        Starters += row.Starters;
        Leavers += row.Leavers;
        Partners.Add(partner);
        if (row is { Applications: { } applications, VacanciesAdvertised: { } advertised })
        {
            Applications += applications;
            VacanciesAdvertised += advertised;
            AdvertPartners.Add(partner);
        }
        if (row.AgencyFte is { } agency)
        {
            AgencyFte += agency;
            StaffInPostFteWithAgency += row.StaffInPostFte;
            AgencyPartners.Add(partner);
        }
    }

    public void Add(VacancySums other)
    {
        VacanciesFte += other.VacanciesFte;
        StaffInPostFte += other.StaffInPostFte;
        StaffInPostHeadcount += other.StaffInPostHeadcount;
        Starters += other.Starters;
        Leavers += other.Leavers;
        Applications += other.Applications;
        VacanciesAdvertised += other.VacanciesAdvertised;
        AgencyFte += other.AgencyFte;
        StaffInPostFteWithAgency += other.StaffInPostFteWithAgency;
        Partners.UnionWith(other.Partners);
        AdvertPartners.UnionWith(other.AdvertPartners);
        AgencyPartners.UnionWith(other.AgencyPartners);
    }
}

/// <summary>Counts of curated exit rows (leavers) for a cell or a scope.</summary>
public sealed class ExitSums
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

    public void AddRow(string partner, ExitRecord row)
    {
        Exits++;
        Partners.Add(partner);
        Reasons[row.Reason] = Reason(row.Reason) + 1;
        if (row.Destination != Destinations.Unknown)
        {
            DestinationKnown++;
            DestinationPartners.Add(partner);
            LeftSector += row.Destination == Destinations.LeftSector ? 1 : 0;
            WithinPartnership += row.Destination == Destinations.WithinPartnership ? 1 : 0;
        }
        if (row.LengthOfServiceMonths is { } months)
        {
            ServiceKnown++;
            ServicePartners.Add(partner);
            EarlyLeavers += months < EarlyLeaverMonths ? 1 : 0;
        }
        if (row.WouldReturn is { } wouldReturn)
        {
            WouldReturnYes += wouldReturn ? 1 : 0;
            WouldReturnNo += wouldReturn ? 0 : 1;
            AnswerPartners.Add(partner);
        }
    }

    public void Add(ExitSums other)
    {
        Exits += other.Exits;
        DestinationKnown += other.DestinationKnown;
        LeftSector += other.LeftSector;
        WithinPartnership += other.WithinPartnership;
        ServiceKnown += other.ServiceKnown;
        EarlyLeavers += other.EarlyLeavers;
        WouldReturnYes += other.WouldReturnYes;
        WouldReturnNo += other.WouldReturnNo;
        foreach (var (code, count) in other.Reasons)
        {
            Reasons[code] = Reason(code) + count;
        }
        Partners.UnionWith(other.Partners);
        DestinationPartners.UnionWith(other.DestinationPartners);
        ServicePartners.UnionWith(other.ServicePartners);
        AnswerPartners.UnionWith(other.AnswerPartners);
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
