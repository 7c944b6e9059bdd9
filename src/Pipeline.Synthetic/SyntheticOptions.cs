namespace Pipeline.Synthetic;

/// <summary>What <c>pipeline generate</c> makes: how many partners and months, how big, from which seed.</summary>
public sealed record SyntheticOptions
{
    public const int DefaultSeed = 42;
    public const int DefaultMaxBadFiles = 6;

    public int Partners { get; init; } = 6;

    /// <summary>The months ending with the last complete month before today (UTC).</summary>
    public int Months { get; init; } = 12;

    /// <summary>Rows in each vacancy return; null for the natural size (roles x sites).</summary>
    public int? RowsPerFile { get; init; }

    public int Seed { get; init; } = DefaultSeed;

    public int MaxBadFiles { get; init; } = DefaultMaxBadFiles;

    /// <summary>
    /// Partners write roles as their systems export them: NHS ESR staff groups and job roles,
    /// ASC-WDS job roles, and a few local titles only the generated mappings file knows.
    /// </summary>
    public bool RealWorld { get; init; }

    public void Validate()
    {
        if (Partners is < 1 or > 1000)
        {
            throw new ArgumentException("--partners must be between 1 and 1000.");
        }
        if (Months is < 1 or > 120)
        {
            throw new ArgumentException("--months must be between 1 and 120.");
        }
        if (RowsPerFile is < 1 or > 5_000_000)
        {
            throw new ArgumentException("--rows-per-file must be between 1 and 5,000,000.");
        }
        if (MaxBadFiles < 0)
        {
            throw new ArgumentException("The number of bad files cannot be negative.");
        }
    }
}
