using System.Buffers;
using System.Security.Cryptography;

namespace Pipeline.Core.Ingestion;

/// <summary>
/// Replaces a partner's own leaver id by a pseudonym (SPEC "exits"): HMAC-SHA256 keyed with
/// the partnership's secret over the UTF-8 text <c>partner:leaver_id</c>, as lowercase hex.
/// The same person at the same partner always gets the same pseudonym while the key lasts.
/// </summary>
/// <remarks>
/// One is made per upload and shared by the threads that parse its rows: each thread keeps one
/// keyed HMAC of its own and resets it after each id, because a one-shot <c>HMACSHA256.HashData</c>
/// sets up a new OpenSSL context every call, which cost more than the hashing itself at a million rows.
/// </remarks>
public sealed class Pseudonymiser : IDisposable
{
    public const int MinimumKeyBytes = 32;

    private readonly ThreadLocal<IncrementalHash> _hmac;

    private Pseudonymiser(byte[] key) =>
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key), trackAllValues: true);

    /// <summary>The pseudonymiser for a base64 key, or null with the reason when the key is missing or unusable.</summary>
    public static Pseudonymiser? FromBase64(string? base64Key, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(base64Key))
        {
            problem = "No pseudonymisation key is configured (setting Pipeline:PseudonymisationKey), so exit data cannot be stored safely.";
            return null;
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64Key.Trim());
        }
        catch (FormatException)
        {
            problem = "The pseudonymisation key (Pipeline:PseudonymisationKey) is not valid base64.";
            return null;
        }
        if (key.Length < MinimumKeyBytes)
        {
            problem = $"The pseudonymisation key is {key.Length} bytes; at least {MinimumKeyBytes} are required.";
            return null;
        }
        return new Pseudonymiser(key);
    }

    /// <summary>How many characters a pseudonym has: the HMAC's 32 bytes as hex.</summary>
    public const int Length = 2 * HMACSHA256.HashSizeInBytes;

    public string Pseudonymise(string partner, ReadOnlySpan<char> leaverId)
    {
        Span<char> pseudonym = stackalloc char[Length];
        Pseudonymise(partner, leaverId, pseudonym);
        return pseudonym.ToString();
    }

    /// <summary>Writes the pseudonym into <paramref name="pseudonym"/> (<see cref="Length"/> characters), so a million rows make no string each; no copy of the id is kept.</summary>
    public void Pseudonymise(string partner, ReadOnlySpan<char> leaverId, Span<char> pseudonym)
    {
        var length = Encoding.UTF8.GetMaxByteCount(partner.Length + 1 + leaverId.Length);
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var buffer = rented ?? stackalloc byte[length];
        try
        {
            var written = Encoding.UTF8.GetBytes(partner, buffer);
            buffer[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(leaverId, buffer[written..]);
            var hmac = _hmac.Value!;
            hmac.AppendData(buffer[..written]);
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            hmac.GetHashAndReset(hash);
            Convert.TryToHexStringLower(hash, pseudonym, out _);
        }
        finally
        {
            buffer.Clear();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public void Dispose()
    {
        foreach (var hmac in _hmac.Values)
        {
            hmac.Dispose();
        }
        _hmac.Dispose();
    }
}
