namespace Pipeline.Core.Indicators;

/// <summary>
/// Computes the success indicators of a month from an aggregated snapshot of the curated lake
/// (SPEC "Success indicators", "Precise rules > Indicators"), with disclosure control applied
/// before any row leaves this class.
/// </summary>
public sealed class IndicatorEngine(CuratedLakeReader reader, PartnerRegistry registry, PipelineOptions options, TimeProvider time)
{
    public const int TurnoverWindowMonths = 12;

    /// <summary>The staff group of the NHS vacancy statistics that covers every staff group.</summary>
    private const string AllStaffGroups = "All staff groups";
    public const int TurnoverMinimumMonths = 6;

    /// <summary>
    /// Every month that has indicators: each month from the first to the last vacancies month
    /// (submission coverage), and each month with exits or feed data.
    /// </summary>
    public async Task<IReadOnlyList<Period>> ListPeriodsAsync(CancellationToken cancellationToken)
    {
        var periods = new SortedSet<Period>();
        var vacancies = await reader.ListPartitionsAsync(Datasets.Vacancies, cancellationToken);
        if (vacancies.Count > 0)
        {
            for (var period = vacancies.Min(p => p.Period); period <= vacancies.Max(p => p.Period); period = period.AddMonths(1))
            {
                periods.Add(period);
            }
        }
        periods.UnionWith((await reader.ListPartitionsAsync(Datasets.Exits, cancellationToken)).Select(p => p.Period));
        await foreach (var (_, postings) in reader.ReadAllAsync(LakePaths.CuratedDataset(Datasets.LmiPostings), [PostedDate], cancellationToken))
        {
            periods.UnionWith(postings.Dates(PostedDate).Select(Period.Of));
        }
        await foreach (var (period, claimants) in reader.ReadAllAsync(LakePaths.CuratedDataset(Datasets.LmiClaimants), [], cancellationToken))
        {
            if (period is { } month && claimants.RowCount > 0)
            {
                periods.Add(month);
            }
        }
        await foreach (var (period, nhs) in reader.ReadAllAsync(LakePaths.CuratedDataset(Datasets.LmiNhsVacancies), BenchmarkColumns, cancellationToken))
        {
            if (period is { } month && BenchmarkRows(nhs).Any())
            {
                periods.Add(month);
            }
        }
        return periods.ToList();
    }

    /// <summary>The months that have a curated vacancies partition.</summary>
    public async Task<IReadOnlyList<Period>> ListVacancyPeriodsAsync(CancellationToken cancellationToken) =>
        (await reader.ListPartitionsAsync(Datasets.Vacancies, cancellationToken)).Select(p => p.Period).Distinct().ToList();

    /// <summary>Reads and aggregates what the given months need: their rows, and vacancy rows of the 11 months before each.</summary>
    public async Task<IndicatorInputs> LoadAsync(IReadOnlyCollection<Period> periods, CancellationToken cancellationToken)
    {
        var wanted = periods.ToHashSet();
        var window = periods.SelectMany(p => Enumerable.Range(0, TurnoverWindowMonths).Select(back => p.AddMonths(-back))).ToHashSet();
        var inputs = new IndicatorInputs { Partners = await registry.ListAsync(cancellationToken) };

        var vacancyPartitions = await reader.ListPartitionsAsync(Datasets.Vacancies, cancellationToken);
        foreach (var partition in vacancyPartitions)
        {
            inputs.FirstVacancyPeriod = Min(inputs.FirstVacancyPeriod, partition.Period);
            inputs.LastVacancyPeriod = Max(inputs.LastVacancyPeriod, partition.Period);
            GetOrAdd(inputs.VacancyReturns, partition.Period).Add(partition.Partner);
        }
        foreach (var (partition, cells) in await AggregateAsync<VacancySums>(vacancyPartitions.Where(p => window.Contains(p.Period)).ToList(), VacancyColumns, AddVacancies, cancellationToken))
        {
            cells.AddTo(GetOrAdd(inputs.VacancyCells, partition.Period));
        }

        var exitPartitions = await reader.ListPartitionsAsync(Datasets.Exits, cancellationToken);
        foreach (var (partition, cells) in await AggregateAsync<ExitSums>(exitPartitions.Where(p => wanted.Contains(p.Period)).ToList(), ExitColumns, AddExits, cancellationToken))
        {
            cells.AddTo(GetOrAdd(inputs.ExitCells, partition.Period));
        }

        await foreach (var (_, postings) in reader.ReadAllAsync(LakePaths.CuratedDataset(Datasets.LmiPostings), PostingColumns, cancellationToken))
        {
            var ids = postings.Text("posting_id");
            var dates = postings.Dates(PostedDate);
            var roles = postings.Text(GroupingColumns.Role);
            var minimum = postings.OptionalValues<double>("salary_min");
            var maximum = postings.OptionalValues<double>("salary_max");
            for (var row = 0; row < postings.RowCount; row++)
            {
                var period = Period.Of(dates[row]);
                if (wanted.Contains(period))
                {
                    double? mid = (minimum[row], maximum[row]) is ({ } min, { } max) ? (min + max) / 2 : null;
                    GetOrAdd(inputs.Postings, period).Postings.TryAdd(ids[row] ?? "", (string.IsNullOrEmpty(roles[row]) ? null : roles[row], mid));
                }
            }
        }
        await foreach (var (period, claimants) in reader.ReadAllAsync(LakePaths.CuratedDataset(Datasets.LmiClaimants), ClaimantColumns, cancellationToken))
        {
            if (period is { } month && wanted.Contains(month))
            {
                var geographies = claimants.Text("geography_code");
                var counts = claimants.Values<int>("claimants");
                for (var row = 0; row < claimants.RowCount; row++)
                {
                    GetOrAdd(inputs.Claimants, month)[geographies[row] ?? ""] = counts[row];
                }
            }
        }
        await foreach (var (period, nhs) in reader.ReadAllAsync(LakePaths.CuratedDataset(Datasets.LmiNhsVacancies), [.. BenchmarkColumns, "vacancy_rate"], cancellationToken))
        {
            if (period is { } month && wanted.Contains(month))
            {
                var rates = nhs.OptionalValues<double>("vacancy_rate");
                foreach (var row in BenchmarkRows(nhs))
                {
                    if (rates[row] is { } rate)
                    {
                        inputs.NhsBenchmarkRate[month] = rate;
                    }
                }
            }
        }
        return inputs;
    }

    /// <summary>Every indicator row of one month, suppressed where disclosure control says so.</summary>
    public IReadOnlyList<IndicatorRow> Compute(IndicatorInputs inputs, Period period)
    {
        var sectors = inputs.Partners.ToDictionary(p => p.Id, p => p.Sector, StringComparer.Ordinal);
        var context = new EmitContext(period.ToString(), time.GetUtcNow().UtcDateTime, options.SuppressionThreshold);
        var rows = new List<IndicatorRow>();

        var vacancyCells = inputs.VacancyCells.GetValueOrDefault(period) ?? [];
        var vacancyScopes = ByScope(vacancyCells, sectors);
        Emit(rows, context, IndicatorDefinitions.Vacancies, vacancyScopes);
        Emit(rows, context, IndicatorDefinitions.Turnover, Turnover(inputs, period, vacancyScopes.Keys.ToHashSet(), sectors));
        Emit(rows, context, IndicatorDefinitions.Coverage, Coverage(inputs, period));

        var exitCells = inputs.ExitCells.GetValueOrDefault(period) ?? [];
        Emit(rows, context, IndicatorDefinitions.Exits, ByScope(exitCells, sectors));

        Emit(rows, context, IndicatorDefinitions.Postings, PostingScopes(inputs.Postings.GetValueOrDefault(period)));
        var claimants = inputs.Claimants.GetValueOrDefault(period);
        var labourMarket = LabourMarketScope(claimants, inputs.Postings.GetValueOrDefault(period));
        Emit(rows, context, IndicatorDefinitions.Claimants, claimants is null ? [] : labourMarket);
        Emit(rows, context, IndicatorDefinitions.PostingsPerClaimant, labourMarket);
        Emit(rows, context, IndicatorDefinitions.NhsBenchmark, inputs.NhsBenchmarkRate.TryGetValue(period, out var benchmark)
            ? new Dictionary<ScopeKey, LmiSums> { [ScopeKey.Partnership] = new() { NhsBenchmarkRate = benchmark } }
            : []);
        return rows;
    }

    private static void Emit<TSums>(List<IndicatorRow> rows, EmitContext context, IReadOnlyList<IndicatorDefinition<TSums>> definitions,
        IReadOnlyDictionary<ScopeKey, TSums> scopes)
    {
        var ordered = scopes.OrderBy(pair => ScopeOrder(pair.Key.Type)).ThenBy(pair => pair.Key.Scope, StringComparer.Ordinal).ToList();
        foreach (var definition in definitions)
        {
            foreach (var (scope, sums) in ordered)
            {
                if (definition.ScopeTypes.Contains(scope.Type))
                {
                    rows.Add(Evaluate(definition, context, scope, sums));
                }
            }
        }
    }

    private static IndicatorRow Evaluate<TSums>(IndicatorDefinition<TSums> definition, EmitContext context, ScopeKey scope, TSums sums)
    {
        var numerator = definition.Numerator(sums);
        var denominator = definition.Denominator?.Invoke(sums);
        var value = definition.IsRatio ? (denominator is null or 0 ? null : numerator / denominator) : numerator;
        var row = new IndicatorRow
        {
            Indicator = definition.Name,
            Period = context.Period,
            ScopeType = scope.Type,
            Scope = scope.Scope,
            Value = value,
            Numerator = numerator,
            Denominator = denominator,
            PartnersReporting = definition.PartnersReporting(sums),
            ComputedAt = context.ComputedAt,
        };
        if (definition.Disclosive && scope.Type != ScopeTypes.Partnership
            && (Disclosure.IsDisclosive(numerator, context.Threshold) || Disclosure.IsDisclosive(denominator, context.Threshold)))
        {
            row.Value = null;
            row.Numerator = null;
            row.Denominator = null;
            row.Suppressed = true;
        }
        return row;
    }

    /// <summary>
    /// turnover_rate_12m: units (partner, role) of the scope with rows in at least 6 of the 12 months
    /// ending with <paramref name="period"/>; only scopes with vacancy rows this month have a row.
    /// </summary>
    private static Dictionary<ScopeKey, TurnoverSums> Turnover(IndicatorInputs inputs, Period period, HashSet<ScopeKey> scopesThisMonth,
        IReadOnlyDictionary<string, string> sectors)
    {
        var units = new Dictionary<(string Partner, string Role), (Cell Cell, int Months, long Leavers, long Headcount)>();
        for (var back = 0; back < TurnoverWindowMonths; back++)
        {
            foreach (var (cell, sums) in inputs.VacancyCells.GetValueOrDefault(period.AddMonths(-back)) ?? [])
            {
                var unit = units.GetValueOrDefault((cell.Partner, cell.Role), (cell, 0, 0, 0));
                units[(cell.Partner, cell.Role)] = (unit.Cell, unit.Months + 1, unit.Leavers + sums.Totals.Leavers, unit.Headcount + sums.Totals.StaffInPostHeadcount);
            }
        }
        var scopes = new Dictionary<ScopeKey, TurnoverSums>();
        foreach (var (cell, months, leavers, headcount) in units.Values.Where(u => u.Months >= TurnoverMinimumMonths))
        {
            foreach (var scope in ScopesOf(cell, sectors).Where(scopesThisMonth.Contains))
            {
                GetOrAdd(scopes, scope).AddUnit(cell.Partner, months, leavers, headcount);
            }
        }
        return scopes;
    }

    /// <summary>submission_coverage, for every month from the first to the last month of vacancies data.</summary>
    private static Dictionary<ScopeKey, CoverageSums> Coverage(IndicatorInputs inputs, Period period)
    {
        if (inputs.FirstVacancyPeriod is not { } first || inputs.LastVacancyPeriod is not { } last || period < first || period > last)
        {
            return [];
        }
        var returned = inputs.VacancyReturns.GetValueOrDefault(period) ?? [];
        var active = inputs.Partners.Where(p => p.Active).ToList();
        return new() { [ScopeKey.Partnership] = new CoverageSums(active.Count(p => returned.Contains(p.Id)), active.Count) };
    }

    private static Dictionary<ScopeKey, LmiSums> PostingScopes(PostingsMonth? month)
    {
        if (month is null || month.Postings.Count == 0)
        {
            return [];
        }
        var scopes = new Dictionary<ScopeKey, LmiSums> { [ScopeKey.Partnership] = Postings(month.Postings.Values) };
        foreach (var role in month.Postings.Values.GroupBy(p => p.Role).Where(g => g.Key is not null))
        {
            scopes[new ScopeKey(ScopeTypes.Role, role.Key!)] = Postings(role);
        }
        return scopes;
    }

    private static LmiSums Postings(IEnumerable<(string? Role, double? MidSalary)> postings)
    {
        var list = postings.ToList();
        return new LmiSums { Postings = list.Count, MedianSalary = Median(list.Where(p => p.MidSalary is not null).Select(p => p.MidSalary!.Value)) };
    }

    private static Dictionary<ScopeKey, LmiSums> LabourMarketScope(Dictionary<string, long>? claimants, PostingsMonth? postings)
    {
        if (claimants is null && postings is null)
        {
            return [];
        }
        var sums = new LmiSums { Postings = postings?.Postings.Count ?? 0, Claimants = claimants?.Values.Sum() };
        return new() { [ScopeKey.Partnership] = sums };
    }

    /// <summary>The rows of the benchmark in NHS vacancy statistics: the configured region, all staff groups together.</summary>
    private IEnumerable<int> BenchmarkRows(ColumnBatch nhs)
    {
        var regions = nhs.Text("region");
        var groups = nhs.Text(GroupingColumns.StaffGroup);
        return Enumerable.Range(0, nhs.RowCount).Where(row =>
            string.Equals(regions[row], options.NhsBenchmarkRegion, StringComparison.OrdinalIgnoreCase)
            && string.Equals(groups[row], AllStaffGroups, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The median of the values, or null when there are none.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static Dictionary<ScopeKey, TSums> ByScope<TSums>(Dictionary<Cell, TSums> cells, IReadOnlyDictionary<string, string> sectors)
        where TSums : ICellSums<TSums>, new()
    {
        var scopes = new Dictionary<ScopeKey, TSums>();
        foreach (var (cell, sums) in cells)
        {
            foreach (var scope in ScopesOf(cell, sectors))
            {
                GetOrAdd(scopes, scope).Add(cell.Partner, sums);
            }
        }
        return scopes;
    }

    /// <summary>The scopes a cell belongs to: the partnership, its partner, the partner's sector (when registered), its role and staff group.</summary>
    private static IEnumerable<ScopeKey> ScopesOf(Cell cell, IReadOnlyDictionary<string, string> sectors)
    {
        yield return ScopeKey.Partnership;
        yield return new ScopeKey(ScopeTypes.Partner, cell.Partner);
        if (sectors.TryGetValue(cell.Partner, out var sector))
        {
            yield return new ScopeKey(ScopeTypes.Sector, sector);
        }
        yield return new ScopeKey(ScopeTypes.Role, cell.Role);
        yield return new ScopeKey(ScopeTypes.StaffGroup, cell.StaffGroup);
    }

    /// <summary>The columns of curated/vacancies the indicators read.</summary>
    private static readonly string[] VacancyColumns =
    [
        GroupingColumns.Role, GroupingColumns.StaffGroup, "vacancies_fte", "staff_in_post_fte", "staff_in_post_headcount", "starters", "leavers",
        "applications", "vacancies_advertised", "agency_fte",
    ];

    /// <summary>posted_date is a Parquet DATE; the month of a posting is its posted date's.</summary>
    private const string PostedDate = "posted_date";

    /// <summary>The columns of curated/lmi_postings the indicators read (the feeds write more: title, location, employer).</summary>
    private static readonly string[] PostingColumns = ["posting_id", PostedDate, GroupingColumns.Role, "salary_min", "salary_max"];

    /// <summary>The columns of curated/lmi_claimants the indicators read; the month is the file's <c>period=YYYY-MM</c> folder.</summary>
    private static readonly string[] ClaimantColumns = ["geography_code", "claimants"];

    /// <summary>
    /// The columns of curated/lmi_nhs_vacancies that pick out the benchmark row; the quarter's end
    /// month is the file's <c>period=YYYY-MM</c> folder, and its vacancy_rate a fraction.
    /// </summary>
    private static readonly string[] BenchmarkColumns = ["region", GroupingColumns.StaffGroup];

    /// <summary>The columns of curated/exits the indicators read.</summary>
    private static readonly string[] ExitColumns =
        [GroupingColumns.Role, GroupingColumns.StaffGroup, "reason", "destination", "length_of_service_months", "would_return"];

    /// <summary>
    /// Each partition's cells, read side by side (a partition is one partner's month, its own
    /// cells), and returned in the partitions' order so months are always filled in the same order.
    /// </summary>
    private async Task<(CuratedPartition Partition, PartitionCells<TSums> Cells)[]> AggregateAsync<TSums>(
        IReadOnlyList<CuratedPartition> partitions, IReadOnlyList<string> columns, Action<PartitionCells<TSums>, ColumnBatch> add,
        CancellationToken cancellationToken)
        where TSums : class, new()
    {
        var cells = new PartitionCells<TSums>[partitions.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, partitions.Count, parallel, async (i, token) =>
            cells[i] = await reader.AggregatePartitionAsync(partitions[i], columns, () => new PartitionCells<TSums>(partitions[i].Partner), add, token));
        return partitions.Zip(cells).ToArray();
    }

    private static void AddVacancies(PartitionCells<VacancySums> partition, ColumnBatch batch)
    {
        var cells = partition.CellsOfRows(batch);
        var vacancies = batch.Values<double>("vacancies_fte");
        var inPost = batch.Values<double>("staff_in_post_fte");
        var headcount = batch.Values<int>("staff_in_post_headcount");
        var starters = batch.Values<int>("starters");
        var leavers = batch.Values<int>("leavers");
        var applications = batch.OptionalValues<int>("applications");
        var advertised = batch.OptionalValues<int>("vacancies_advertised");
        var agency = batch.OptionalValues<double>("agency_fte");
        for (var row = 0; row < cells.Length; row++)
        {
            cells[row].AddRow(VacancyTotals.Row(vacancies[row], inPost[row], headcount[row], starters[row], leavers[row], applications[row], advertised[row], agency[row]));
        }
    }

    private static void AddExits(PartitionCells<ExitSums> partition, ColumnBatch batch)
    {
        var cells = partition.CellsOfRows(batch);
        var reasons = batch.Text("reason");
        var destinations = batch.Text("destination");
        var service = batch.OptionalValues<int>("length_of_service_months");
        var wouldReturn = batch.OptionalValues<bool>("would_return");
        for (var row = 0; row < cells.Length; row++)
        {
            cells[row].AddRow(reasons[row] ?? "", ExitTotals.Row(destinations[row] ?? Destinations.Unknown, service[row], wouldReturn[row]));
        }
    }

    private static TValue GetOrAdd<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key)
        where TKey : notnull
        where TValue : new()
    {
        if (!dictionary.TryGetValue(key, out var value))
        {
            dictionary[key] = value = new TValue();
        }
        return value;
    }

    private static int ScopeOrder(string scopeType) => ScopeTypes.All.ToList().IndexOf(scopeType);

    private static Period Min(Period? a, Period b) => a is { } x && x < b ? x : b;

    private static Period Max(Period? a, Period b) => a is { } x && x > b ? x : b;

    private sealed record EmitContext(string Period, DateTime ComputedAt, int Threshold);
}

/// <summary>A scope: its type (partnership, partner, sector, role, staff_group) and value.</summary>
public readonly record struct ScopeKey(string Type, string Scope)
{
    public static readonly ScopeKey Partnership = new(ScopeTypes.Partnership, ScopeTypes.PartnershipScope);
}

/// <summary>
/// Disclosure control (SPEC "Disclosure control"): a count between 1 and the threshold could
/// identify people. Zero is not disclosive. Complementary suppression is not attempted.
/// </summary>
public static class Disclosure
{
    public static bool IsDisclosive(double? count, int threshold) => count is >= 1 && count <= threshold;
}
