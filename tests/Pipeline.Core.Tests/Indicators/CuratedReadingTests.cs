using static Pipeline.Testing.Rows;

namespace Pipeline.Core.Tests.Indicators;

public sealed class CuratedReadingTests() : LakeTests(TestLake.ForIndicators())
{
    [Fact]
    public async Task Compute_PartitionWithTwoPartFilesMidReplacement_ReadsBoth()
    {
        await Lake.WriteOneTrustMonthAsync();
        await Lake.WriteParquetAsync(LakePaths.CuratedPart("vacancies", "2026-03", "pa", new string('f', 64)), [Vacancy("registered_nurse", 5, 5)]);

        var rows = await Lake.ComputeAsync("2026-03");

        // 2 + 5 vacant of 8 + 2 + 5 + 5.
        Assert.Equal(7.0 / 20, rows.Get("vacancy_rate", "partnership", "all").Value!.Value, 12);
    }

    [Fact]
    public async Task Compute_PartFileWithTwoRowGroups_RowsOfACellAddUpAcrossGroups()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        var withoutGroup = Vacancy("care_worker", 4, 3);
        withoutGroup.StaffGroup = "";
        var part = LakePaths.CuratedPart("vacancies", "2026-03", "pa", new string('e', 64));
        await Lake.WriteParquetAsync(part, [Vacancy("care_worker", 8, 1), Vacancy("registered_nurse", 5, 2)], [Vacancy("registered_nurse", 5, 4), withoutGroup]);
        await using (var file = await Lake.Objects.OpenReadAsync(part, CancellationToken.None))
        {
            Assert.Equal([2L, 2L], await ParquetFiles.RowGroupSizesAsync(file, CancellationToken.None));
        }

        var rows = await Lake.ComputeAsync("2026-03");

        // The second group lists the roles the other way round, and its care worker row takes the role's staff group.
        Assert.Equal(1 + 3, rows.Get("vacancies_fte", "role", "care_worker").Value);
        Assert.Equal(2 + 4, rows.Get("vacancies_fte", "role", "registered_nurse").Value);
        Assert.Equal(1 + 3, rows.Get("vacancies_fte", "staff_group", ReferenceData.Roles.Get("care_worker").Group!).Value);
        Assert.Equal(10.0 / 32, rows.Get("vacancy_rate", "partnership", "all").Value!.Value, 12);
    }

    [Fact]
    public async Task Compute_PeriodAndPartnerFromFolders_FilesElsewhereIgnored()
    {
        await Lake.WriteOneTrustMonthAsync();
        await Lake.WriteParquetAsync("curated/vacancies/period=2026-03/notes.parquet", [Vacancy("care_worker", 1, 99)]);

        var row = (await Lake.ComputeAsync("2026-03")).Get("vacancies_fte", "partner", "pa");

        Assert.Equal(2, row.Value);
    }

    [Fact]
    public async Task CuratedChangedAsync_InProcessEvents_RecomputesAtOnce()
    {
        await Lake.AddPartnerAsync("pa", "nhs_trust");
        await Lake.WriteExitsAsync("pa", "2026-03", Exit("care_worker", "2026-03"));
        IIngestionEvents events = new InProcessIndicatorEvents(Lake.Recomputer);

        await events.CuratedChangedAsync(new CuratedChange("pa", "exits", [Period.Parse("2026-03")]), CancellationToken.None);

        Assert.Equal(1, (await Lake.ReadOutputAsync("2026-03")).Get("exit_count", "partnership", "all").Value);
    }
}
