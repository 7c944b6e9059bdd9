using System.Security.Cryptography;

namespace Pipeline.Core.Tests.Ingestion;

public sealed class PseudonymiserTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static Pseudonymiser Create(byte[] key) =>
        Pseudonymiser.FromBase64(Convert.ToBase64String(key), out var problem) ?? throw new InvalidOperationException(problem);

    [Fact]
    public void Pseudonymise_PartnerAndLeaverId_IsTheSpecsHmacSha256OfPartnerColonIdAsLowercaseHex()
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("nhs-north:E1234")));

        Assert.Equal(expected, Create(Key).Pseudonymise("nhs-north", "E1234"));
    }

    [Fact]
    public void Pseudonymise_SameIdAtAnotherPartnerOrUnderAnotherKey_IsAnotherPseudonym()
    {
        var pseudonym = Create(Key).Pseudonymise("nhs-north", "E1234");

        Assert.Equal(pseudonym, Create(Key).Pseudonymise("nhs-north", "E1234"));
        Assert.NotEqual(pseudonym, Create(Key).Pseudonymise("care-south", "E1234"));
        Assert.NotEqual(pseudonym, Create([.. Key.Reverse()]).Pseudonymise("nhs-north", "E1234"));
    }

    [Fact]
    public async Task Pseudonymise_OneUploadsIdsOnSeveralThreadsAtOnce_EachIsItsOwnHmac()
    {
        using var pseudonymiser = Create(Key);
        var ids = Enumerable.Range(0, 20_000).Select(i => $"E{i}").ToList();

        var threads = Enumerable.Range(0, 4).Select(offset => Task.Run(() =>
            ids.Where((_, i) => i % 4 == offset).Select(id => (id, pseudonymiser.Pseudonymise("nhs-north", id))).ToList()));
        var pseudonyms = (await Task.WhenAll(threads)).SelectMany(list => list).ToList();

        Assert.Equal(ids.Count, pseudonyms.Count);
        Assert.All(pseudonyms, pair =>
            Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"nhs-north:{pair.id}"))), pair.Item2));
    }

    [Fact]
    public void Pseudonymise_ManyIdsInTurn_EachIsItsOwnHmac()
    {
        using var pseudonymiser = Create(Key);
        var longId = new string('x', 600);  // past the stack buffer, into a pooled one

        foreach (var id in new[] { "E1", "E2", longId, "é-3", "E1" })
        {
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"nhs-north:{id}")));
            Assert.Equal(expected, pseudonymiser.Pseudonymise("nhs-north", id));
        }
    }

    [Theory]
    [InlineData(null, "Pipeline:PseudonymisationKey")]
    [InlineData("  ", "Pipeline:PseudonymisationKey")]
    [InlineData("not base64!", "not valid base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", "16 bytes; at least 32")]
    public void FromBase64_MissingOrUnusableKey_IsNullWithTheReason(string? key, string reason)
    {
        Assert.Null(Pseudonymiser.FromBase64(key, out var problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void FromBase64_KeyWithSurroundingWhitespace_IsUsed()
    {
        var trimmed = Pseudonymiser.FromBase64($" {Convert.ToBase64String(Key)}\n", out var problem);

        Assert.Null(problem);
        Assert.Equal(Create(Key).Pseudonymise("p", "1"), trimmed!.Pseudonymise("p", "1"));
    }
}
