namespace Pipeline.Core.Tests.Ingestion.Validation;

public class FirstRowIndexTests
{
    [Fact]
    public void TryAdd_ManyKeysThroughGrowth_RemembersEveryFirstRow() =>
        AddKeysThenCheckFirstRows(hashStep: 0x9E3779B97F4A7C15UL, keys: 50_000, checkEvery: 997);

    /// <summary>Hashes below 2^56 share the top byte, so they all land in one shard, which grows many times.</summary>
    [Fact]
    public void TryAdd_ManyKeysOfOneShard_RemembersEveryFirstRow()
    {
        var index = AddKeysThenCheckFirstRows(hashStep: 0x9E3779B9UL, keys: 200_000, checkEvery: 101);

        Assert.True(index.TryAdd(200_002UL * 0x9E3779B9UL, 7, out var added));
        Assert.Equal(7, added);
    }

    [Fact]
    public void TryAdd_ZeroHash_IsAKeyLikeAnyOther()
    {
        var index = new FirstRowIndex();
        Assert.True(index.TryAdd(0, 2, out _));
        Assert.False(index.TryAdd(0, 3, out var first));
        Assert.Equal(2, first);
    }

    /// <summary>
    /// Adds the hashes row x <paramref name="hashStep"/> for rows 2 onwards, then adds every
    /// <paramref name="checkEvery"/>-th hash again at a later row: each must be refused, naming its first row.
    /// </summary>
    private static FirstRowIndex AddKeysThenCheckFirstRows(ulong hashStep, int keys, int checkEvery)
    {
        var index = new FirstRowIndex();
        for (var row = 2; row < keys + 2; row++)
        {
            Assert.True(index.TryAdd((ulong)row * hashStep, row, out _));
        }
        for (var row = 2; row < keys + 2; row += checkEvery)
        {
            Assert.False(index.TryAdd((ulong)row * hashStep, row + keys, out var first));
            Assert.Equal(row, first);
        }
        return index;
    }
}
