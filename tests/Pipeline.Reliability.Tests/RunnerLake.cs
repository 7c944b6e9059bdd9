namespace Pipeline.Reliability.Tests;

/// <summary>A local lake folder that the runner processes of a test work on, with its partner registered.</summary>
public sealed record RunnerLake(string Folder)
{
    public const string Partner = "nhs-north";

    public static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    /// <summary>The lake with <see cref="Partner"/> registered, or the partners given.</summary>
    public static async Task<RunnerLake> CreateAsync(string folder, IEnumerable<string>? partnerIds = null)
    {
        Directory.CreateDirectory(folder);
        var partners = Path.Combine(folder, "partners.csv");
        await File.WriteAllLinesAsync(partners, ["id,name,sector,active", .. (partnerIds ?? [Partner]).Select(id => $"{id},{id},nhs_trust,true")]);
        var lake = new RunnerLake(Path.Combine(folder, "lake"));
        var imported = await RunnerProcess.RunAsync(RunLimit, "partners", "import", partners, "--lake", lake.Folder);
        Assert.True(imported.ExitCode == 0, imported.Output);
        return lake;
    }

    public LocalObjectStore Objects => new(Folder);

    public SqliteTableStore Tables => new(Path.Combine(Folder, PipelineServiceCollectionExtensions.LocalLakeTablesFolder));

    public string[] IngestArguments(string file, DateTimeOffset uploadedAt) =>
        ["ingest", file, "--partner", Partner, "--dataset", Datasets.Vacancies, "--uploaded-at", uploadedAt.ToString("O"), "--lake", Folder];

    public Task<(int ExitCode, string Output, TimeSpan Elapsed)> IngestAsync(string file, DateTimeOffset uploadedAt) =>
        RunnerProcess.RunAsync(RunLimit, IngestArguments(file, uploadedAt));

    /// <summary>Lake paths of the files under a prefix; a file renamed while listed is simply not there.</summary>
    public List<string> Files(string prefix)
    {
        var folder = Path.Combine(Folder, prefix);
        try
        {
            return Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(Folder, file).Replace('\\', '/')).ToList()
                : [];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>Visible curated vacancy parts under a prefix of the dataset (all of them by default).</summary>
    public int Parts(string prefix = "") =>
        Files(LakePaths.CuratedDataset(Datasets.Vacancies) + prefix).Count(file => file.EndsWith(".parquet", StringComparison.Ordinal) && !LakePaths.IsHidden(file));
}
