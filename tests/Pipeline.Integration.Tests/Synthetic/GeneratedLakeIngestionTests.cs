using DuckDB.NET.Data;
using Pipeline.Synthetic;

namespace Pipeline.Integration.Tests.Synthetic;

/// <summary>
/// The generator's promise to the rest of the pipeline: its good files are accepted, its bad files refused,
/// and DuckDB over the curated lake gets the totals its manifest states.
/// </summary>
public class GeneratedLakeIngestionTests
{
    [Fact]
    public async Task Ingest_GeneratedUploads_MatchTheManifest()
    {
        using var lake = new TestLake();
        var dir = lake.Root;
        new SyntheticLakeGenerator(new SyntheticOptions { Partners = 6, Months = 3, Seed = 11 }, TimeProvider.System).Write(dir, null, CancellationToken.None);
        var manifest = Manifest.Read(Path.Combine(dir, Manifest.FileName));
        foreach (var partner in PartnerCsv.Read(Path.Combine(dir, SyntheticLakeGenerator.PartnersFile)))
        {
            await lake.AddPartnerAsync(partner);
        }
        var service = lake.Service;

        foreach (var file in manifest.Files)
        {
            await using var content = File.OpenRead(Path.Combine(dir, file.Path));
            var record = await service.IngestAsync(file.Path, file.UploadedAt, content, CancellationToken.None);
            Assert.True(file.Expected == "accepted" ? IngestionStatus.IsAccepted(record.Status) : record.Status == IngestionStatus.Refused,
                $"{file.Path}: expected {file.Expected}, got {record.Status} ({record.Message})");
            Assert.Equal(file.Rows, record.RowsIn);
        }

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        var vacancies = Query(duck, $"""
            SELECT count(*), sum(vacancies_fte), sum(staff_in_post_fte), sum(staff_in_post_headcount)::BIGINT, sum(starters)::BIGINT, sum(leavers)::BIGINT
            FROM read_parquet('{dir}/curated/vacancies/**/*.parquet', hive_partitioning = true)
            """);
        var totals = manifest.Totals.Vacancies;
        Assert.Equal(totals.Rows, Convert.ToInt64(vacancies[0], CultureInfo.InvariantCulture));
        Assert.Equal(totals.VacanciesFte, Math.Round(Convert.ToDecimal(vacancies[1], CultureInfo.InvariantCulture), 2));
        Assert.Equal(totals.StaffInPostFte, Math.Round(Convert.ToDecimal(vacancies[2], CultureInfo.InvariantCulture), 2));
        Assert.Equal(totals.StaffInPostHeadcount, Convert.ToInt64(vacancies[3], CultureInfo.InvariantCulture));
        Assert.Equal(totals.Starters, Convert.ToInt64(vacancies[4], CultureInfo.InvariantCulture));
        Assert.Equal(totals.Leavers, Convert.ToInt64(vacancies[5], CultureInfo.InvariantCulture));
        var exits = Query(duck, $"SELECT count(*) FROM read_parquet('{dir}/curated/exits/**/*.parquet', hive_partitioning = true)");
        Assert.Equal(manifest.Totals.Exits.Rows, Convert.ToInt64(exits[0], CultureInfo.InvariantCulture));
    }

    private static object[] Query(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return values;
    }
}
