namespace Pipeline.Core.Tests.Ingestion.Validation;

public sealed class DuplicateFinderTests : IDisposable
{
    private readonly string _spill = Path.Combine(Path.GetTempPath(), $"duplicates-{Guid.NewGuid():N}.spill");

    public void Dispose() => File.Delete(_spill);

    [Fact]
    public void Find_NoKeyTwice_FindsNothing()
    {
        using var finder = new DuplicateFinder(_spill);
        for (var row = 2; row < 5_000; row++)
        {
            finder.Add((ulong)row * 0x9E3779B97F4A7C15UL, row);
        }
        Assert.Empty(finder.Find());
    }

    [Fact]
    public void Find_KeysInOneRun_EachLaterCopyNamesTheFirstRow()
    {
        using var finder = new DuplicateFinder(_spill);
        var keys = RandomKeys(rows: 20_000, distinctKeys: 15_000, seed: 1);
        AddAll(finder, keys);

        Assert.Equal(Expected(keys), finder.Find());
        Assert.False(File.Exists(_spill));
    }

    /// <summary>Runs of 100 pairs: the copies of a key lie in many runs, and the spill file is merged.</summary>
    [Fact]
    public void Find_KeysOverManyRuns_SameAsTheDirectAnswer()
    {
        var keys = RandomKeys(rows: 20_000, distinctKeys: 3_000, seed: 2);
        using (var finder = new DuplicateFinder(_spill, runLength: 100))
        {
            AddAll(finder, keys);

            Assert.Equal(Expected(keys), finder.Find());
            Assert.True(File.Exists(_spill));
        }
        Assert.False(File.Exists(_spill));
    }

    [Fact]
    public void Find_ZeroAndMaximumHashes_AreKeysLikeAnyOther()
    {
        using var finder = new DuplicateFinder(_spill, runLength: 2);
        (ulong Hash, int Row)[] keys = [(ulong.MaxValue, 2), (0, 3), (ulong.MaxValue, 4), (0, 5), (0, 6)];
        AddAll(finder, keys);

        Assert.Equal([new Duplicate(4, 2), new Duplicate(5, 3), new Duplicate(6, 3)], finder.Find());
    }

    /// <summary>Rows 2 onwards, as a file's data rows are numbered, some skipped as rows without a key are.</summary>
    private static List<(ulong Hash, int Row)> RandomKeys(int rows, int distinctKeys, int seed)
    {
        var random = new Random(seed);
        var hashes = Enumerable.Range(0, distinctKeys).Select(_ => (ulong)random.NextInt64() * 3).ToArray();
        return Enumerable.Range(2, rows).Where(_ => random.Next(10) > 0).Select(row => (hashes[random.Next(distinctKeys)], row)).ToList();
    }

    private static void AddAll(DuplicateFinder finder, IEnumerable<(ulong Hash, int Row)> keys)
    {
        foreach (var (hash, row) in keys)
        {
            finder.Add(hash, row);
        }
    }

    private static List<Duplicate> Expected(IEnumerable<(ulong Hash, int Row)> keys)
    {
        var firstRows = new Dictionary<ulong, int>();
        var duplicates = new List<Duplicate>();
        foreach (var (hash, row) in keys)
        {
            if (!firstRows.TryAdd(hash, row))
            {
                duplicates.Add(new Duplicate(row, firstRows[hash]));
            }
        }
        return duplicates;
    }
}
