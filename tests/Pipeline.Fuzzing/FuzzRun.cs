using System.Diagnostics;
using System.Security.Cryptography;

namespace Pipeline.Fuzzing;

/// <summary>What one reader's run did: inputs run, edges covered, entries that found new coverage, crashes.</summary>
public sealed record ReaderResult(string Reader, int Seeds, int Inputs, double Seconds, int Edges, int NewEntries, IReadOnlyList<Crash> Crashes);

/// <summary>An input that made the reader throw an exception it does not expect, kept as a file.</summary>
public sealed record Crash(string File, string Exception, string Message, string Where);

/// <summary>
/// A bounded coverage-guided run over one reader, as afl-fuzz or libFuzzer would do it but in
/// process: every seed of the kept corpus is run, then mutations of the corpus (seeded) until the
/// time is up; an input that reaches new coverage joins the corpus, one that throws is kept.
/// </summary>
public static class FuzzRun
{
    public static ReaderResult Run(string reader, string corpusFolder, TimeSpan duration, int seed, string outputFolder)
    {
        var clock = Stopwatch.StartNew();
        var corpus = Directory.GetFiles(Path.Combine(corpusFolder, reader)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        if (corpus.Count == 0)
        {
            throw new InvalidOperationException($"No seed in {Path.Combine(corpusFolder, reader)}.");
        }
        var seeds = corpus.Count;
        var random = new Random(seed);
        var mutator = new Mutator(random, reader);
        var work = Path.Combine(outputFolder, "work");
        var crashes = new Dictionary<string, Crash>();
        var newEntries = 0;
        var inputs = 0;
        var coverage = new CoverageMap();
        foreach (var entry in corpus.ToList())
        {
            Execute(entry);
            coverage.TakeNovelty();
        }
        if (coverage.Edges == 0)
        {
            throw new InvalidOperationException("The seeds covered no edge: the readers' assemblies beside this program are not instrumented (run it from its own build folder).");
        }
        while (clock.Elapsed < duration)
        {
            var input = mutator.Mutate(corpus[random.Next(corpus.Count)], corpus[random.Next(corpus.Count)]);
            if (Execute(input) && coverage.TakeNovelty())
            {
                corpus.Add(input);
                newEntries++;
                Keep(Path.Combine(outputFolder, "new-corpus", reader), input);
            }
        }
        return new ReaderResult(reader, seeds, inputs, clock.Elapsed.TotalSeconds, coverage.Edges, newEntries, crashes.Values.ToList());

        // Runs one input: false when it crashed (then kept once per exception type and place).
        bool Execute(byte[] input)
        {
            inputs++;
            coverage.Reset();
            try
            {
                ReaderTargets.Run(reader, input, work);
                return true;
            }
            catch (Exception e)
            {
                var where = e.StackTrace?.Split('\n').FirstOrDefault(f => f.Contains("Pipeline.Core", StringComparison.Ordinal))?.Trim() ?? "";
                var signature = e.GetType().FullName + where;
                if (!crashes.ContainsKey(signature))
                {
                    var file = Keep(Path.Combine(outputFolder, "crashes", reader), input);
                    File.WriteAllText(file + ".txt", e.ToString());
                    crashes[signature] = new Crash(file, e.GetType().FullName!, e.Message, where);
                }
                return false;
            }
        }
    }

    /// <summary>Writes the input under its hash (the corpus's naming) and returns the path.</summary>
    private static string Keep(string folder, byte[] input)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(input))[..16]);
        File.WriteAllBytes(path, input);
        return path;
    }
}
