using DuckDB.NET.Data;

namespace Pipeline.Benchmarks;

/// <summary>
/// The reference: DuckDB on one thread doing the same job on the same files. Runs in a child
/// process of the harness (<c>duckdb-copy</c>, <c>duckdb-indicators</c>) so its peak memory and
/// process start are measured the way the pipeline's are.
/// </summary>
public static class DuckDbSide
{
    public static string Version()
    {
        using var connection = Open();
        return Scalar(connection, "SELECT version()");
    }

    /// <summary>CSV to one Parquet file with DuckDB's defaults (Snappy, dictionary encoding, row groups of 122,880 rows).</summary>
    public static void Copy(string csv, string parquet)
    {
        using var connection = Open();
        Execute(connection, $"COPY (SELECT * FROM read_csv('{Quote(csv)}', header = true)) TO '{Quote(parquet)}' (FORMAT parquet)");
    }

    /// <summary>
    /// The vacancy indicators (the spec's formulas, as tests/Pipeline.Integration.Tests/Indicators/IndicatorSqlCrossCheckTests.cs
    /// writes them) for the partnership, partner, role and staff-group scopes, with the 12-month turnover, over the
    /// lake's curated Parquet, written as CSV.
    /// </summary>
    public static void VacancyIndicators(string lake, string csv)
    {
        using var connection = Open();
        var curated = Quote(Path.Combine(lake, "curated", "vacancies"));
        Execute(connection, string.Create(CultureInfo.InvariantCulture, $$"""
            CREATE TEMP VIEW v AS SELECT * FROM read_parquet('{{curated}}/*/*/*.parquet', hive_partitioning = true, hive_types = {'period': VARCHAR, 'partner': VARCHAR});
            CREATE TEMP VIEW vs AS
                SELECT 'partnership' AS scope_type, 'all' AS scope, v.* FROM v
                UNION ALL SELECT 'partner', v.partner, v.* FROM v
                UNION ALL SELECT 'role', v.role, v.* FROM v
                UNION ALL SELECT 'staff_group', v.staff_group, v.* FROM v;
            COPY (
                WITH va AS (
                    SELECT period, scope_type, scope,
                        sum(vacancies_fte) AS vac, sum(staff_in_post_fte) AS sip, sum(starters) AS st, sum(leavers) AS lv,
                        coalesce(sum(applications) FILTER (WHERE applications IS NOT NULL AND vacancies_advertised IS NOT NULL), 0) AS apps,
                        coalesce(sum(vacancies_advertised) FILTER (WHERE applications IS NOT NULL AND vacancies_advertised IS NOT NULL), 0) AS ads,
                        coalesce(sum(agency_fte), 0) AS ag,
                        coalesce(sum(staff_in_post_fte) FILTER (WHERE agency_fte IS NOT NULL), 0) AS sip_ag
                    FROM vs GROUP BY ALL),
                cells AS (SELECT period, partner, role, staff_group, sum(staff_in_post_headcount) AS hc, sum(leavers) AS lv FROM v GROUP BY ALL),
                months AS (SELECT DISTINCT period FROM v),
                units AS (
                    SELECT m.period, c.partner, c.role, c.staff_group, count(*) AS m_u, sum(c.lv) AS lv, sum(c.hc) AS hc
                    FROM months m JOIN cells c
                      ON c.period <= m.period AND c.period >= strftime(CAST(m.period || '-01' AS DATE) - INTERVAL 11 MONTH, '%Y-%m')
                    GROUP BY ALL HAVING count(*) >= 6),
                scoped_units AS (
                    SELECT period, 'partnership' AS scope_type, 'all' AS scope, u.* EXCLUDE (period) FROM units u
                    UNION ALL SELECT period, 'partner', partner, u.* EXCLUDE (period) FROM units u
                    UNION ALL SELECT period, 'role', role, u.* EXCLUDE (period) FROM units u
                    UNION ALL SELECT period, 'staff_group', staff_group, u.* EXCLUDE (period) FROM units u),
                turnover AS (
                    SELECT su.period, su.scope_type, su.scope, sum(12.0 / m_u * lv) AS num, sum(hc::DOUBLE / m_u) AS den
                    FROM scoped_units su SEMI JOIN (SELECT DISTINCT period, scope_type, scope FROM vs) present USING (period, scope_type, scope)
                    GROUP BY ALL),
                long AS (
                    SELECT 'vacancy_rate' AS indicator, period, scope_type, scope, vac AS num, sip + vac AS den, true AS ratio FROM va
                    UNION ALL SELECT 'vacancies_fte', period, scope_type, scope, vac, NULL, false FROM va
                    UNION ALL SELECT 'applications_per_advert', period, scope_type, scope, apps, ads, true FROM va
                    UNION ALL SELECT 'starters', period, scope_type, scope, st, NULL, false FROM va
                    UNION ALL SELECT 'leavers', period, scope_type, scope, lv, NULL, false FROM va
                    UNION ALL SELECT 'net_flow', period, scope_type, scope, st - lv, NULL, false FROM va
                    UNION ALL SELECT 'agency_share', period, scope_type, scope, ag, sip_ag + ag, true FROM va
                    UNION ALL SELECT 'turnover_rate_12m', period, scope_type, scope, num, den, true FROM turnover)
                SELECT indicator, period, scope_type, scope,
                    CASE WHEN NOT ratio THEN num::DOUBLE WHEN den = 0 THEN NULL ELSE num::DOUBLE / den END AS value,
                    num::DOUBLE AS numerator, den::DOUBLE AS denominator
                FROM long) TO '{{Quote(csv)}}' (HEADER);
            """));
    }

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "SET threads = 1");
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static string Quote(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
