namespace Pipeline.Core.Ingestion;

/// <summary>An upload's place in the landing zone: <c>landing/{partner}/{dataset}/{file}</c>.</summary>
public sealed record LandingPath(string Partner, string Dataset, string FileName)
{
    public string Path => LakePaths.LandingFile(Partner, Dataset, FileName);

    public string Extension => System.IO.Path.GetExtension(FileName).ToLowerInvariant();

    /// <exception cref="ArgumentException">The path is not under landing/{partner}/{dataset}/.</exception>
    public static LandingPath Parse(string path)
    {
        var parts = path.Split('/', 4);
        if (parts.Length < 4 || parts[0] != LakePaths.Landing || parts.Skip(1).Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"'{path}' is not an upload path: uploads go to landing/{{partner}}/{{dataset}}/{{file}}.", nameof(path));
        }
        return new LandingPath(parts[1], parts[2], parts[3]);
    }
}
