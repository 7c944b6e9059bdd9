using System.Buffers;
using System.Security.Cryptography;

namespace Pipeline.Core.Ingestion;

/// <summary>
/// Replaces a partner's own leaver id by a pseudonym (SPEC "exits"): HMAC-SHA256 keyed with
/// the partnership's secret over the UTF-8 text <c>partner:leaver_id</c>, as lowercase hex.
/// The same person at the same partner always gets the same pseudonym while the key lasts.
/// </summary>
public sealed class Pseudonymiser
{
    public const int MinimumKeyBytes = 32;

    private readonly byte[] _key;

    private Pseudonymiser(byte[] key) => _key = key;

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

    /// <summary>The pseudonym, hashed from one pooled buffer: no copy of the id is made.</summary>
    public string Pseudonymise(string partner, ReadOnlySpan<char> leaverId)
    {
        var length = Encoding.UTF8.GetMaxByteCount(partner.Length + 1 + leaverId.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(partner, buffer);
            buffer[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(leaverId, buffer.AsSpan(written));
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_key, buffer.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
