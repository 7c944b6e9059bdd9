using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Pipeline.Core.Ingestion.Validation;

/// <summary>A row whose duplicate key row <paramref name="FirstRow"/> had before it.</summary>
public readonly record struct Duplicate(int Row, int FirstRow);

/// <summary>
/// Finds, once every row has been read, the rows whose duplicate key an earlier row had. Keys
/// are collected as (64-bit hash, row) pairs; every <see cref="RunLength"/> pairs are sorted by
/// hash and written to the spill file as one sorted run, and the runs are merged at the end. Memory
/// is one run (12 MB at most) whatever the size of the file: a hash table from key to first row
/// held 14-21 bytes a key, 170 MB for a 10M-row file.
/// </summary>
/// <param name="runLength">Pairs a sorted run holds; smaller than <see cref="RunLength"/> only in tests, to make many runs.</param>
public sealed class DuplicateFinder(string spillPath, int runLength = DuplicateFinder.RunLength) : IDisposable
{
    /// <summary>Pairs sorted in memory before they go to the spill file as one run.</summary>
    public const int RunLength = 1 << 20;

    /// <summary>Pairs read at a time from each run while merging.</summary>
    private const int MergeBufferLength = 4096;

    private readonly List<(long Offset, int Count)> _runs = [];
    private ulong[] _hashes = new ulong[Math.Min(1024, runLength)];
    private int[] _rows = new int[Math.Min(1024, runLength)];
    private int _count;
    private FileStream? _spill;

    public void Add(ulong keyHash, int row)
    {
        if (_count == _hashes.Length)
        {
            if (_hashes.Length < runLength)
            {
                Array.Resize(ref _hashes, Math.Min(_hashes.Length * 2, runLength));
                Array.Resize(ref _rows, _hashes.Length);
            }
            else
            {
                SpillRun();
            }
        }
        _hashes[_count] = keyHash;
        _rows[_count] = row;
        _count++;
    }

    /// <summary>Every row whose key an earlier row had, with that first row, in row order.</summary>
    public List<Duplicate> Find()
    {
        var duplicates = new List<Duplicate>();
        var group = new List<int>();
        var groupHash = 0UL;
        if (_runs.Count == 0)
        {
            Array.Sort(_hashes, _rows, 0, _count);
            for (var i = 0; i < _count; i++)
            {
                AddToGroup(_hashes[i], _rows[i]);
            }
        }
        else
        {
            SpillRun();
            _spill!.Flush();
            Merge(_spill.SafeFileHandle, AddToGroup);
        }
        CloseGroup();
        duplicates.Sort((a, b) => a.Row.CompareTo(b.Row));
        return duplicates;

        // Equal hashes arrive together; within a run their rows are in no order, so the group's first is its least.
        void AddToGroup(ulong hash, int row)
        {
            if (group.Count > 0 && hash != groupHash)
            {
                CloseGroup();
            }
            groupHash = hash;
            group.Add(row);
        }

        void CloseGroup()
        {
            if (group.Count > 1)
            {
                var first = group.Min();
                duplicates.AddRange(group.Where(row => row != first).Select(row => new Duplicate(row, first)));
            }
            group.Clear();
        }
    }

    public void Dispose()
    {
        if (_spill is not null)
        {
            _spill.Dispose();
            File.Delete(spillPath);
        }
    }

    private void SpillRun()
    {
        Array.Sort(_hashes, _rows, 0, _count);
        _spill ??= new FileStream(spillPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _runs.Add((_spill.Position, _count));
        Span<Pair> buffer = new Pair[MergeBufferLength];
        for (var start = 0; start < _count; start += buffer.Length)
        {
            var length = Math.Min(buffer.Length, _count - start);
            for (var i = 0; i < length; i++)
            {
                buffer[i] = new Pair(_hashes[start + i], _rows[start + i]);
            }
            _spill.Write(MemoryMarshal.AsBytes(buffer[..length]));
        }
        _count = 0;
    }

    /// <summary>Hands every pair of every run to <paramref name="add"/> in hash order.</summary>
    private void Merge(SafeFileHandle file, Action<ulong, int> add)
    {
        var cursors = _runs.Select(run => new RunCursor(run.Offset, run.Count)).ToArray();
        var next = new PriorityQueue<int, ulong>(cursors.Length);
        for (var i = 0; i < cursors.Length; i++)
        {
            if (cursors[i].MoveNext(file))
            {
                next.Enqueue(i, cursors[i].Current.Hash);
            }
        }
        while (next.TryDequeue(out var i, out _))
        {
            add(cursors[i].Current.Hash, cursors[i].Current.Row);
            if (cursors[i].MoveNext(file))
            {
                next.Enqueue(i, cursors[i].Current.Hash);
            }
        }
    }

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Pair(ulong Hash, int Row);

    /// <summary>Reads one sorted run of the spill file a buffer at a time.</summary>
    private sealed class RunCursor(long offset, int count)
    {
        private readonly Pair[] _buffer = new Pair[Math.Min(count, MergeBufferLength)];
        private int _read;
        private int _index;
        private int _length;

        public Pair Current => _buffer[_index];

        public bool MoveNext(SafeFileHandle file)
        {
            if (++_index < _length)
            {
                return true;
            }
            if (_read == count)
            {
                return false;
            }
            _length = Math.Min(_buffer.Length, count - _read);
            var bytes = MemoryMarshal.AsBytes(_buffer.AsSpan(0, _length));
            var position = offset + (long)_read * Unsafe.SizeOf<Pair>();
            for (var done = 0; done < bytes.Length;)
            {
                var read = RandomAccess.Read(file, bytes[done..], position + done);
                done += read > 0 ? read : throw new EndOfStreamException("The duplicate keys' spill file ended before its runs did.");
            }
            _read += _length;
            _index = 0;
            return true;
        }
    }
}
