namespace Pipeline.Core.Indicators;

/// <summary>The rows of one (partner, role) in one month, summed over sites: the unit the indicators aggregate.</summary>
public readonly record struct Cell(string Partner, string Role, string StaffGroup)
{
    /// <summary>A row's cell; a row without a staff group takes its role's (or <c>other</c>).</summary>
    public static Cell Of(string partner, string role, string staffGroup) =>
        new(partner, role, staffGroup.Length > 0 ? staffGroup : ReferenceData.Roles.Find(role)?.Group ?? "other");
}

/// <summary>One month's distinct job postings: posting id to (role, mid-point salary when both ends are known).</summary>
public sealed class PostingsMonth
{
    public Dictionary<string, (string? Role, double? MidSalary)> Postings { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A snapshot of everything the indicators of some months need, already aggregated: per month,
/// vacancy and exit sums per cell, the partitions present, the feeds' months and the partner registry.
/// No curated row is kept.
/// </summary>
public sealed class IndicatorInputs
{
    public required IReadOnlyList<Partner> Partners { get; init; }
    public Dictionary<Period, Dictionary<Cell, VacancySums>> VacancyCells { get; } = [];
    public Dictionary<Period, Dictionary<Cell, ExitSums>> ExitCells { get; } = [];

    /// <summary>Partners with a curated vacancies partition, per month (accepted returns).</summary>
    public Dictionary<Period, HashSet<string>> VacancyReturns { get; } = [];
    public Period? FirstVacancyPeriod { get; set; }
    public Period? LastVacancyPeriod { get; set; }
    public Dictionary<Period, PostingsMonth> Postings { get; } = [];

    /// <summary>Claimants per month and geography.</summary>
    public Dictionary<Period, Dictionary<string, long>> Claimants { get; } = [];

    /// <summary>The benchmark region's NHS vacancy rate (all staff groups), in the end month of each published quarter.</summary>
    public Dictionary<Period, double> NhsBenchmarkRate { get; } = [];
}
