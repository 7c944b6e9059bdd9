using DuckDB.NET.Data;

namespace Pipeline.Integration.Tests.Bi;

/// <summary>
/// infra/sql/duckdb-views.sql as an analyst runs it, from the root of a lake made by <c>pipeline demo</c>,
/// checked against docs/lake.md: the views, the files' columns and the worked example.
/// </summary>
[Collection(DemoLakeCollection.Name)]
public sealed class DuckDbViewsTests(DemoLakeFixture demo)
{
    [Fact]
    public void Views_DemoLake_EveryViewReturnsRowsWithTheDocumentedColumnsAndTypes()
    {
        using var connection = OpenWithViews();

        var views = Query(connection, "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name").Select(r => r[0]!).ToList();
        Assert.Equal(LakeDocument.Datasets.Keys.Order(StringComparer.Ordinal), views);
        foreach (var (view, documented) in LakeDocument.Datasets)
        {
            var described = Query(connection, $"DESCRIBE {view}").Select(r => $"{r[0]} {r[1]}").ToList();
            Assert.Equal(documented.Select(c => $"{c.Name} {c.ViewType}"), described);
            var rows = Query(connection, $"SELECT count(*) FROM {view}").Single()[0];
            Assert.True(long.Parse(rows!, System.Globalization.CultureInfo.InvariantCulture) > 0, $"view {view} has no rows");
        }
    }

    [Fact]
    public void LakeDocument_DemoLake_NamesEveryColumnOfEveryParquetFileWithItsType()
    {
        using var connection = OpenWithViews();

        // One row per (dataset, column) over every Parquet file of the BI zones, hidden ones included.
        var columns = Query(connection, """
            SELECT DISTINCT regexp_extract(file_name, '(curated/[a-z_]+|indicators)/period=', 1) AS dataset, name, type, repetition_type
            FROM parquet_schema(['curated/**/*.parquet', 'indicators/**/*.parquet'])
            WHERE type IS NOT NULL
            ORDER BY ALL
            """);

        Assert.NotEmpty(columns);
        var datasetsInLake = columns.Select(c => DatasetName(c[0]!)).Distinct().ToList();
        Assert.Equal(["exits", "indicators", "lmi_claimants", "lmi_nhs_vacancies", "lmi_postings", "vacancies"], datasetsInLake.Order(StringComparer.Ordinal));
        var undocumented = new List<string>();
        foreach (var column in columns)
        {
            var dataset = DatasetName(column[0]!);
            var documented = LakeDocument.Datasets.GetValueOrDefault(dataset)?.SingleOrDefault(c => c.Name == column[1] && !c.IsFolder);
            var required = column[3] == "REQUIRED";
            if (documented is null
                || !documented.ParquetType.StartsWith(column[2]!, StringComparison.Ordinal)
                || documented.ParquetType.EndsWith("required", StringComparison.Ordinal) != required)
            {
                undocumented.Add($"{dataset}.{column[1]} {column[2]}{(required ? " required" : "")} (documented: {documented?.ParquetType ?? "no"})");
            }
        }
        Assert.Empty(undocumented);
        var documentedButAbsent = LakeDocument.Datasets
            .SelectMany(d => d.Value.Where(c => !c.IsFolder).Select(c => $"{d.Key}.{c.Name}"))
            .Except(columns.Select(c => $"{DatasetName(c[0]!)}.{c[1]}"));
        Assert.Empty(documentedButAbsent);
    }

    [Fact]
    public void WorkedExample_DemoLake_RecomputesTheHeadlineIndicatorsThePipelineWrote()
    {
        using var connection = OpenWithViews();

        var rows = Query(connection, LakeDocument.WorkedExample);

        Assert.Empty(rows.Where(r => r[4] != "True").Select(r => $"{r[0]} {r[1]}: recomputed {r[2]}, pipeline {r[3]}"));
        string[] headline =
        [
            "agency_share", "applications_per_advert", "claimants", "early_leaver_share", "exit_count", "job_postings", "leavers",
            "left_sector_share", "median_advertised_salary", "net_flow", "retained_in_system_share", "starters", "vacancies_fte",
            "vacancy_rate", "would_return_share",
        ];
        Assert.Equal(headline, rows.Select(r => r[1]!).Distinct().Order(StringComparer.Ordinal));
        // Every month of the demo's vacancies is checked, not just a few.
        var months = Query(connection, "SELECT count(DISTINCT period) FROM vacancies").Single()[0];
        Assert.Equal(months, rows.Where(r => r[1] == "vacancy_rate").Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string DatasetName(string zonePath) => zonePath.StartsWith("curated/", StringComparison.Ordinal) ? zonePath["curated/".Length..] : zonePath;

    /// <summary>An in-memory database whose relative paths resolve from the lake's root, with the views created.</summary>
    private DuckDBConnection OpenWithViews()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SET file_search_path = '{demo.Root.Replace("'", "''", StringComparison.Ordinal)}';\n" + LakeDocument.Sql("duckdb-views.sql");
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Every row, each value as invariant text (null for SQL NULL).</summary>
    private static List<string?[]> Query(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))
                .ToArray());
        }
        return rows;
    }
}
