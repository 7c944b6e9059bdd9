namespace Pipeline.Core.Tests.Lake;

/// <summary>Reports are named after the upload, whose name the partner chose: they must fit any file system and blob store.</summary>
public sealed class LakePathsTests
{
    private static readonly string Sha = new('a', 64);

    /// <summary>244 characters, 247 UTF-8 bytes: spaces, accents, and characters Windows, URLs or blob tools refuse.</summary>
    private static readonly string LongOddName =
        "Résumé of vacancies: Q1 #2 <draft> \"final\" | v2? * é\\ ".PadRight(240, 'x') + ".csv";

    [Fact]
    public void ReportBase_OrdinaryName_IsTheNameThenTheHash()
    {
        Assert.Equal($"reports/nhs-north/vacancies/march return.csv.{Sha[..8]}.report", LakePaths.ReportBase("nhs-north", "vacancies", "march return.csv", Sha));
    }

    [Fact]
    public void ReportBase_244CharacterOddName_FitsAFileNameAndKeepsTheHashAndExtension()
    {
        Assert.Equal(244, LongOddName.Length);

        var name = ReportFileName(LakePaths.ReportBase("nhs-north", "vacancies", LongOddName, Sha) + ".json");

        Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, LakePaths.MaxNameBytes);
        Assert.StartsWith("Résumé of vacancies_ Q1 _2 _draft_ _final_ _ v2_ _ é_ xxx", name);
        Assert.EndsWith($".csv.{Sha[..8]}.report.json", name);
        Assert.DoesNotContain(name, c => char.IsControl(c) || "/\\:*?\"<>|#".Contains(c));
    }

    [Fact]
    public void SafeFileName_NamesCutOrCleanedAlike_StayApart()
    {
        var cutA = LakePaths.SafeFileName(new string('x', 300) + "a.csv", 100);
        var cutB = LakePaths.SafeFileName(new string('x', 300) + "b.csv", 100);
        var slash = LakePaths.SafeFileName("a/b.csv", 100);
        var underscore = LakePaths.SafeFileName("a_b.csv", 100);

        Assert.NotEqual(cutA, cutB);
        Assert.NotEqual(slash, underscore);
        Assert.Equal("a_b.csv", underscore);
        Assert.All(new[] { cutA, cutB }, name => Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, 100));
    }

    [Theory]
    [InlineData(".hidden.csv")]
    [InlineData("__init.csv")]
    [InlineData("...")]
    [InlineData("trailing dot. ")]
    public void SafeFileName_NameThatWouldBeHiddenOrEndInADot_IsVisibleAndTidy(string upload)
    {
        var name = LakePaths.SafeFileName(upload, 100);

        Assert.False(LakePaths.IsHidden(name), name);
        Assert.False(name.EndsWith('.') || name.EndsWith(' '), name);
    }

    [Fact]
    public void SafeFileName_CutInsideAFourByteCharacter_NeverSplitsIt()
    {
        var name = LakePaths.SafeFileName(string.Concat(Enumerable.Repeat("😀", 100)) + ".csv", 50);

        Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, 50);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public async Task Ingest_244CharacterOddName_AcceptedWithItsReportOnDisk()
    {
        using var lake = TestLake.ForIngestion();

        var record = await lake.IngestAsync(LongOddName, Returns.Vacancies(Returns.Row(TestLake.LastMonth)));

        Assert.Equal(IngestionStatus.Accepted, record.Status);
        Assert.Equal(LongOddName, record.FileName);
        Assert.True(File.Exists(Path.Combine(lake.Folder, record.ReportPath!)));
        Assert.True(File.Exists(Path.Combine(lake.Folder, record.ReportPath![..^".json".Length] + ".csv")));
        Assert.Equal(LongOddName, (await lake.ReportAsync(record)).RootElement.GetProperty("file").GetString());
    }

    [Fact]
    public async Task Ingest_244CharacterOddNameRefused_ReportAndQuarantineWritten()
    {
        using var lake = TestLake.ForIngestion();

        var record = await lake.IngestAsync(LongOddName, Returns.Vacancies(Returns.Row(TestLake.LastMonth, inPost: "lots")));

        Assert.Equal(IngestionStatus.Refused, record.Status);
        Assert.True(File.Exists(Path.Combine(lake.Folder, record.ReportPath!)));
        var quarantine = LakePaths.QuarantineFolder(TestLake.Partner, Datasets.Vacancies, record.Sha256);
        Assert.NotNull(await lake.Objects.GetInfoAsync(quarantine + "report.json", default));
    }

    private static string ReportFileName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
