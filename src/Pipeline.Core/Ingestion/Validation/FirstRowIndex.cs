namespace Pipeline.Core.Ingestion.Validation;

/// <summary>
/// Remembers the first row of each duplicate key, as 64-bit key hashes in flat arrays (open
/// addressing), split into 256 shards by the hash's top byte. A shard grows by half when 85%
/// full, so the index holds 14-21 bytes a key (ten million keys in about 170 MB) and growing
/// copies one shard, never the whole index: no moment holds two copies of it.
/// </summary>
public sealed class FirstRowIndex
{
    private const int ShardBits = 8;

    private readonly Shard[] _shards = Enumerable.Range(0, 1 << ShardBits).Select(_ => new Shard()).ToArray();

    /// <summary>Adds the key with its row; when the key is already there, returns false and the first row.</summary>
    public bool TryAdd(ulong keyHash, int row, out int firstRow)
    {
        var key = keyHash == 0 ? 1 : keyHash;  // 0 marks an empty slot
        return _shards[key >> (64 - ShardBits)].TryAdd(key, row, out firstRow);
    }

    private sealed class Shard
    {
        private const double MaxLoad = 0.85;

        private ulong[] _keys = new ulong[64];
        private int[] _rows = new int[64];
        private int _count;

        public bool TryAdd(ulong key, int row, out int firstRow)
        {
            var slot = FindSlot(_keys, key);
            if (_keys[slot] == key)
            {
                firstRow = _rows[slot];
                return false;
            }
            _keys[slot] = key;
            _rows[slot] = row;
            firstRow = row;
            if (++_count > _keys.Length * MaxLoad)
            {
                Grow();
            }
            return true;
        }

        /// <summary>The key's slot or the empty one where it belongs; the home slot scales the hash's low 32 bits to the length.</summary>
        private static int FindSlot(ulong[] keys, ulong key)
        {
            var slot = (int)(((ulong)(uint)key * (ulong)keys.Length) >> 32);
            while (keys[slot] != 0 && keys[slot] != key)
            {
                slot = slot + 1 == keys.Length ? 0 : slot + 1;
            }
            return slot;
        }

        private void Grow()
        {
            var keys = new ulong[_keys.Length + _keys.Length / 2];
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
}
