using System.Runtime.InteropServices;

namespace Pipeline.Core.Curated;

/// <summary>
/// How text values are spilled: the first <see cref="MaxTexts"/> distinct texts are numbered
/// and written as their number (codes and the upload's hash repeat on every row), any other is
/// written as its length and UTF-16 characters. The numbering lives in memory for the spills'
/// life, so spills written in any order read back in any order.
/// </summary>
public sealed class SpillTexts
{
    public const int MaxTexts = 4096;

    private const int Null = 0;
    private const int Inline = 1;
    private const int FirstNumber = 2;

    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<ReadOnlyMemory<char>> _texts = [];

    public SpillTexts() => _lookup = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();

    public void Write(BinaryWriter spill, ReadOnlyMemory<char>? value)
    {
        if (value is not { } text)
        {
            spill.Write7BitEncodedInt(Null);
            return;
        }
        if (_lookup.TryGetValue(text.Span, out var number))
        {
            spill.Write7BitEncodedInt(FirstNumber + number);
            return;
        }
        if (_texts.Count < MaxTexts)
        {
            var kept = text.ToString();
            _numbers.Add(kept, _texts.Count);
            spill.Write7BitEncodedInt(FirstNumber + _texts.Count);
            _texts.Add(kept.AsMemory());
            return;
        }
        spill.Write7BitEncodedInt(Inline);
        spill.Write7BitEncodedInt(text.Length);
        spill.Write(MemoryMarshal.AsBytes(text.Span));
    }

    /// <summary>
    /// Reads the next text: true with its value when it is null or numbered; false with the
    /// length of a text written inline, whose characters come next in the spill.
    /// </summary>
    public bool TryRead(BinaryReader spill, out ReadOnlyMemory<char>? value, out int inlineLength)
    {
        value = null;
        inlineLength = 0;
        var tag = spill.Read7BitEncodedInt();
        switch (tag)
        {
            case Null:
                return true;
            case Inline:
                inlineLength = spill.Read7BitEncodedInt();
                return false;
            default:
                value = _texts[tag - FirstNumber];
                return true;
        }
    }
}
