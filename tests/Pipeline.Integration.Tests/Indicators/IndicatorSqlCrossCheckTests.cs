using DuckDB.NET.Data;

namespace Pipeline.Integration.Tests.Indicators;

/// <summary>
/// The engine against an independent implementation: the spec's formulas written as DuckDB SQL over
/// the same curated Parquet files (read_parquet with hive_partitioning), suppression included.
/// </summary>
public sealed class IndicatorSqlCrossCheckTests() : LakeTests(TestLake.ForIndicators(Threshold))
{
    private const int Threshold = 7;

    [Theory]
    [InlineData(20261125)]
    [InlineData(7)]
    public async Task Engine_GeneratedMultiPartnerTwoYears_AgreesWithDuckDbSql(int seed)
    {
        await CrossCheckData.WriteAsync(Lake, seed);
        var engine = Lake.Engine;
        var periods = await engine.ListPeriodsAsync(CancellationToken.None);
        var inputs = await engine.LoadAsync(periods, CancellationToken.None);
        var computed = periods.SelectMany(p => engine.Compute(inputs, p)).ToDictionary(Key);

        var expected = QuerySql();

        Assert.True(expected.Count > 5000, $"only {expected.Count} expected rows");
        Assert.Equal(expected.Keys.Order(), computed.Keys.Order());
        Assert.Contains(expected.Values, r => r.Suppressed);
        Assert.Contains(expected.Values, r => !r.Suppressed && r.ScopeType == "partner" && r.Indicator.StartsWith("reason_share:", StringComparison.Ordinal));
        Assert.Contains(expected.Values, r => r.Indicator == "submission_coverage" && r.Value is > 0 and < 1);
        var mismatches = expected.Values
            .Where(e => !Same(e.Value, computed[Key(e)].Value) || !Same(e.Numerator, computed[Key(e)].Numerator)
                || !Same(e.Denominator, computed[Key(e)].Denominator) || e.Suppressed != computed[Key(e)].Suppressed)
            .Select(e => $"{Key(e)}: sql {e.Value}/{e.Numerator}/{e.Denominator}/{e.Suppressed} engine {computed[Key(e)].Value}/{computed[Key(e)].Numerator}/{computed[Key(e)].Denominator}/{computed[Key(e)].Suppressed}")
            .Take(10).ToList();
        Assert.Empty(mismatches);
    }

    private static string Key(IndicatorRow row) => $"{row.Period}|{row.Indicator}|{row.ScopeType}|{row.Scope}";

    private static bool Same(double? a, double? b) =>
        a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value));

    private Dictionary<string, IndicatorRow> QuerySql()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Sql();
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, IndicatorRow>();
        while (reader.Read())
        {
            var row = new IndicatorRow
            {
                Indicator = reader.GetString(0),
                Period = reader.GetString(1),
                ScopeType = reader.GetString(2),
                Scope = reader.GetString(3),
                Value = reader.IsDBNull(4) ? null : reader.GetDouble(4),
                Numerator = reader.IsDBNull(5) ? null : reader.GetDouble(5),
                Denominator = reader.IsDBNull(6) ? null : reader.GetDouble(6),
                Suppressed = reader.GetBoolean(7),
            };
            rows.Add(Key(row), row);
        }
        return rows;
    }

    private string Sql()
    {
        var curated = Path.Combine(Lake.Root, "curated");
        var partners = string.Join(", ", CrossCheckData.Partners.Select(p => $"('{p.Id}', '{p.Sector}', {(p.Active ? "true" : "false")})"));
        var reasons = string.Join(", ", ReferenceData.Reasons.Codes.Select(c => $"'{c}'"));
        return string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TEMP TABLE partners AS SELECT * FROM (VALUES {partners}) t(id, sector, active);
            CREATE TEMP TABLE reasons AS SELECT unnest([{reasons}]) AS code;
            {IndicatorSql.VacancyViews(curated, withSectors: true)}
            {IndicatorSql.CuratedView("e", curated, Datasets.Exits)}
            CREATE TEMP VIEW es AS {IndicatorSql.Scoped("e", withSectors: true)};

            WITH {IndicatorSql.VacancyAggregates(withSectors: true)}
            all_months AS (
                SELECT strftime(unnest(generate_series(CAST(min(period) || '-01' AS DATE), CAST(max(period) || '-01' AS DATE), INTERVAL 1 MONTH)), '%Y-%m') AS period
                FROM v),
            coverage AS (
                SELECT am.period,
                    (SELECT count(DISTINCT v.partner) FROM v JOIN partners p ON p.id = v.partner AND p.active WHERE v.period = am.period) AS num,
                    (SELECT count(*) FROM partners WHERE active) AS den
                FROM all_months am),
            ea AS (
                SELECT period, scope_type, scope, count(*) AS n,
                    count(*) FILTER (WHERE destination <> 'unknown') AS known,
                    count(*) FILTER (WHERE destination = 'left_sector') AS left_sector,
                    count(*) FILTER (WHERE destination = 'within_partnership') AS within,
                    count(length_of_service_months) AS service_known,
                    count(*) FILTER (WHERE length_of_service_months < 12) AS early,
                    count(*) FILTER (WHERE would_return) AS yes,
                    count(would_return) AS answered
                FROM es GROUP BY ALL),
            reason_counts AS (SELECT period, scope_type, scope, reason, count(*) AS c FROM es GROUP BY ALL),
            long AS (
                {IndicatorSql.VacancyIndicatorRows}
                UNION ALL SELECT 'submission_coverage', period, 'partnership', 'all', num, den, true, false FROM coverage
                UNION ALL SELECT 'exit_count', period, scope_type, scope, n, NULL, false, true FROM ea
                UNION ALL SELECT 'left_sector_share', period, scope_type, scope, left_sector, known, true, true FROM ea
                UNION ALL SELECT 'retained_in_system_share', period, scope_type, scope, within, known, true, true FROM ea
                UNION ALL SELECT 'early_leaver_share', period, scope_type, scope, early, service_known, true, true FROM ea
                UNION ALL SELECT 'would_return_share', period, scope_type, scope, yes, answered, true, true FROM ea
                UNION ALL SELECT 'reason_share:' || r.code, ea.period, ea.scope_type, ea.scope, coalesce(rc.c, 0), ea.n, true, true
                    FROM ea CROSS JOIN reasons r
                    LEFT JOIN reason_counts rc ON rc.period = ea.period AND rc.scope_type = ea.scope_type AND rc.scope = ea.scope AND rc.reason = r.code),
            judged AS (
                SELECT *, disclosive AND scope_type <> 'partnership'
                    AND (num BETWEEN 1 AND {Threshold} OR coalesce(den BETWEEN 1 AND {Threshold}, false)) AS suppressed
                FROM long)
            SELECT indicator, period, scope_type, scope,
                CASE WHEN suppressed THEN NULL WHEN NOT ratio THEN num::DOUBLE WHEN den = 0 THEN NULL ELSE num::DOUBLE / den END AS value,
                CASE WHEN suppressed THEN NULL ELSE num::DOUBLE END AS numerator,
                CASE WHEN suppressed THEN NULL ELSE den::DOUBLE END AS denominator,
                suppressed
            FROM judged;
            """);
    }
}
