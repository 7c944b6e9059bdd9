namespace Pipeline.Testing;

/// <summary>
/// The spec's vacancy indicator formulas as DuckDB SQL over a lake's curated Parquet, written
/// independently of the engine and once for both users: the cross-check test (every scope, the
/// sector one from a <c>partners</c> table it creates) and the benchmark's DuckDB side (without
/// sectors, which need the partner register).
/// </summary>
public static class IndicatorSql
{
    /// <summary>View <c>v</c> of the curated vacancies, and <c>vs</c>: every row once per scope it belongs to.</summary>
    public static string VacancyViews(string curatedFolder, bool withSectors) => $"""
        {CuratedView("v", curatedFolder, Datasets.Vacancies)}
        CREATE TEMP VIEW vs AS {Scoped("v", withSectors)};
        """;

    /// <summary>A temp view of one curated dataset with its partition columns as text.</summary>
    public static string CuratedView(string name, string curatedFolder, string dataset) =>
        $"CREATE TEMP VIEW {name} AS SELECT * FROM read_parquet('{Quote(curatedFolder)}/{dataset}/*/*/*.parquet', hive_partitioning = true, hive_types = {{'period': VARCHAR, 'partner': VARCHAR}});";

    /// <summary>The rows of <paramref name="view"/> once per scope: partnership, partner, (sector,) role and staff group.</summary>
    public static string Scoped(string view, bool withSectors) => $"""
        SELECT 'partnership' AS scope_type, 'all' AS scope, {view}.* FROM {view}
            UNION ALL SELECT 'partner', {view}.partner, {view}.* FROM {view}
            {(withSectors ? $"UNION ALL SELECT 'sector', p.sector, {view}.* FROM {view} JOIN partners p ON p.id = {view}.partner" : "")}
            UNION ALL SELECT 'role', {view}.role, {view}.* FROM {view}
            UNION ALL SELECT 'staff_group', {view}.staff_group, {view}.* FROM {view}
        """;

    /// <summary>
    /// Common table expressions over <see cref="VacancyViews"/>, each followed by a comma: <c>va</c>
    /// (the sums per period and scope) and <c>turnover</c> (the 12-month turnover: a unit's leavers
    /// scaled to a year over its average headcount, for units with six or more months in the window).
    /// </summary>
    public static string VacancyAggregates(bool withSectors) => $"""
        va AS (
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
            {(withSectors ? "UNION ALL SELECT period, 'sector', p.sector, u.* EXCLUDE (period) FROM units u JOIN partners p ON p.id = u.partner" : "")}
            UNION ALL SELECT period, 'role', role, u.* EXCLUDE (period) FROM units u
            UNION ALL SELECT period, 'staff_group', staff_group, u.* EXCLUDE (period) FROM units u),
        turnover AS (
            SELECT su.period, su.scope_type, su.scope, sum(12.0 / m_u * lv) AS num, sum(hc::DOUBLE / m_u) AS den
            FROM scoped_units su SEMI JOIN (SELECT DISTINCT period, scope_type, scope FROM vs) present
              USING (period, scope_type, scope)
            GROUP BY ALL),
        """;

    /// <summary>The vacancy indicators as long rows over <see cref="VacancyAggregates"/>: indicator, period, scope_type, scope, num, den, ratio, disclosive.</summary>
    public const string VacancyIndicatorRows = """
        SELECT 'vacancy_rate' AS indicator, period, scope_type, scope, vac AS num, sip + vac AS den, true AS ratio, false AS disclosive FROM va
            UNION ALL SELECT 'vacancies_fte', period, scope_type, scope, vac, NULL, false, false FROM va
            UNION ALL SELECT 'applications_per_advert', period, scope_type, scope, apps, ads, true, false FROM va
            UNION ALL SELECT 'starters', period, scope_type, scope, st, NULL, false, false FROM va
            UNION ALL SELECT 'leavers', period, scope_type, scope, lv, NULL, false, false FROM va
            UNION ALL SELECT 'net_flow', period, scope_type, scope, st - lv, NULL, false, false FROM va
            UNION ALL SELECT 'agency_share', period, scope_type, scope, ag, sip_ag + ag, true, false FROM va
            UNION ALL SELECT 'turnover_rate_12m', period, scope_type, scope, num, den, true, false FROM turnover
        """;

    /// <summary>A path as a SQL string literal's content.</summary>
    public static string Quote(string path) => path.Replace("'", "''", StringComparison.Ordinal);
}
