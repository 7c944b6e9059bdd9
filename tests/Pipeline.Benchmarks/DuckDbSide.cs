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
        Execute(connection, $"COPY (SELECT * FROM read_csv('{IndicatorSql.Quote(csv)}', header = true)) TO '{IndicatorSql.Quote(parquet)}' (FORMAT parquet)");
    }

    /// <summary>
    /// The vacancy indicators (the spec's formulas, <see cref="IndicatorSql"/>, as the SQL cross-check
    /// test computes them) for the partnership, partner, role and staff-group scopes, with the
    /// 12-month turnover, over the lake's curated Parquet, written as CSV.
    /// </summary>
    public static void VacancyIndicators(string lake, string csv)
    {
        using var connection = Open();
        Execute(connection, string.Create(CultureInfo.InvariantCulture, $"""
            {IndicatorSql.VacancyViews(Path.Combine(lake, "curated"), withSectors: false)}
            COPY (
                WITH {IndicatorSql.VacancyAggregates(withSectors: false)}
                long AS ({IndicatorSql.VacancyIndicatorRows})
                SELECT indicator, period, scope_type, scope,
                    CASE WHEN NOT ratio THEN num::DOUBLE WHEN den = 0 THEN NULL ELSE num::DOUBLE / den END AS value,
                    num::DOUBLE AS numerator, den::DOUBLE AS denominator
                FROM long) TO '{IndicatorSql.Quote(csv)}' (HEADER);
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
}
