using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Pipeline.Core.Ingestion.Validation;

/// <summary>
/// 64-bit hashes of duplicate keys, built from spans in one reused buffer. 64 bits keep a
/// million keys in a few tens of MB; a false match is about one in 10^7 for a maximum-size file.
/// </summary>
public sealed class DuplicateKeys
{
    private char[] _key = new char[256];
    private int _length;

    public DuplicateKeys Start()
    {
        _length = 0;
        return this;
    }

    public DuplicateKeys Append(ReadOnlySpan<char> part)
    {
        Reserve(part.Length + 1);
        part.CopyTo(_key.AsSpan(_length));
        _length += part.Length;
        _key[_length++] = '|';
        return this;
    }

    /// <summary>Appends the part in lower case, so parts differing only in case make one key.</summary>
    public DuplicateKeys AppendLowerCase(ReadOnlySpan<char> part)
    {
        Reserve(part.Length + 1);
        _length += part.ToLowerInvariant(_key.AsSpan(_length));
        _key[_length++] = '|';
        return this;
    }

    public ulong Hash() => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(_key.AsSpan(0, _length)));

    private void Reserve(int more)
    {
        if (_length + more > _key.Length)
        {
            Array.Resize(ref _key, Math.Max(_key.Length * 2, _length + more));
        }
    }
}
