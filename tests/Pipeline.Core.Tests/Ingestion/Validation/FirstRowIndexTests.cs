namespace Pipeline.Core.Tests.Ingestion.Validation;

public class FirstRowIndexTests
{
    [Fact]
    public void TryAdd_ManyKeysThroughGrowth_RemembersEveryFirstRow()
    {
        var index = new FirstRowIndex();
        for (var row = 2; row < 50_002; row++)
        {
            Assert.True(index.TryAdd((ulong)row * 0x9E3779B97F4A7C15UL, row, out _));
        }
        for (var row = 2; row < 50_002; row += 997)
        {
            Assert.False(index.TryAdd((ulong)row * 0x9E3779B97F4A7C15UL, row + 100_000, out var first));
            Assert.Equal(row, first);
        }
    }

    /// <summary>Hashes below 2^56 share the top byte, so they all land in one shard, which grows many times.</summary>
    [Fact]
    public void TryAdd_ManyKeysOfOneShard_RemembersEveryFirstRow()
    {
        var index = new FirstRowIndex();
        for (var row = 2; row < 200_002; row++)
        {
            Assert.True(index.TryAdd((ulong)row * 0x9E3779B9UL, row, out _));
        }
        for (var row = 2; row < 200_002; row += 101)
        {
            Assert.False(index.TryAdd((ulong)row * 0x9E3779B9UL, row + 300_000, out var first));
            Assert.Equal(row, first);
        }
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
}
