using Pipeline.Benchmarks;

namespace Pipeline.MicroBenchmarks;

/// <summary>The uploads the micro-benchmarks read: the whole-run harness's returns at a size one iteration can repeat.</summary>
public static class Uploads
{
    public const int Rows = 100_000;
    public const int Months = 120;
    public const string Partner = "bench-trust";
    public static readonly Period Latest = new(2026, 9);

    /// <summary>A vacancy return of <see cref="Rows"/> rows over <see cref="Months"/> interleaved months, as bytes.</summary>
    public static byte[] Vacancies() => Written(path => Returns.WriteVacancies(path, Rows, Months, Latest));

    /// <summary>An exits extract of <see cref="Rows"/> leavers over <see cref="Months"/> months, as bytes.</summary>
    public static byte[] Exits() => Written(path => Returns.WriteExits(path, Rows, Months, Latest));

    private static byte[] Written(Action<string> write)
    {
        var path = Path.Combine(Path.GetTempPath(), "pipeline-micro-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            write(path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
