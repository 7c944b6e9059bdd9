namespace Pipeline.Core.Ingestion.Validation;

/// <summary>
/// Remembers the first row of each duplicate key, as 64-bit key hashes in two flat arrays
/// (open addressing). A million keys take about 24 MB, half what a Dictionary needs, and
/// growing allocates one pair of arrays instead of many objects.
/// </summary>
public sealed class FirstRowIndex
{
    private ulong[] _keys = new ulong[1024];
    private int[] _rows = new int[1024];
    private int _count;

    /// <summary>Adds the key with its row; when the key is already there, returns false and the first row.</summary>
    public bool TryAdd(ulong keyHash, int row, out int firstRow)
    {
        var key = keyHash == 0 ? 1 : keyHash;  // 0 marks an empty slot
        var slot = FindSlot(_keys, key);
        if (_keys[slot] == key)
        {
            firstRow = _rows[slot];
            return false;
        }
        _keys[slot] = key;
        _rows[slot] = row;
        firstRow = row;
        if (++_count > _keys.Length * 3 / 4)
        {
            Grow();
        }
        return true;
    }

    private static int FindSlot(ulong[] keys, ulong key)
    {
        var mask = keys.Length - 1;
        var slot = (int)(key & (ulong)mask);
        while (keys[slot] != 0 && keys[slot] != key)
        {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void Grow()
    {
        var keys = new ulong[_keys.Length * 2];
        var rows = new int[keys.Length];
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != 0)
            {
                var slot = FindSlot(keys, _keys[i]);
                keys[slot] = _keys[i];
                rows[slot] = _rows[i];
            }
        }
        (_keys, _rows) = (keys, rows);
    }
}
