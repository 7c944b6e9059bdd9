using System.Runtime.InteropServices;
using SharpFuzz.Common;

namespace Pipeline.Fuzzing;

/// <summary>
/// The edge coverage SharpFuzz's instrumentation records, read in process. The instrumented
/// assemblies write each branch pair to <see cref="Trace.SharedMem"/>, AFL's 64 KiB map; where
/// afl-fuzz would share that map with a fork server, this process points it at its own memory
/// and compares every run's map with all it has seen, in AFL's hit-count buckets.
/// </summary>
public sealed unsafe class CoverageMap
{
    private const int Size = 1 << 16;
    private readonly byte* _run = Trace.SharedMem;
    private readonly byte[] _seen = new byte[Size];

    public CoverageMap()
    {
        if (_run == null)
        {
            throw new InvalidOperationException("Call CoverageMap.Attach first.");
        }
    }

    /// <summary>
    /// Gives the instrumentation its map, for the life of the process. Must come before any
    /// instrumented code runs (static constructors included): a null map is a write to address 0.
    /// </summary>
    public static void Attach() => Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(Size);

    /// <summary>Edges seen at least once so far.</summary>
    public int Edges => _seen.Count(b => b != 0);

    /// <summary>Clears the map for the next run.</summary>
    public void Reset()
    {
        NativeMemory.Clear(_run, Size);
        Trace.PrevLocation = 0;
    }

    /// <summary>Whether the last run hit an edge, or an edge a number of times, never seen before; remembers it.</summary>
    public bool TakeNovelty()
    {
        var novel = false;
        var words = (ulong*)_run;
        for (var w = 0; w < Size / sizeof(ulong); w++)
        {
            if (words[w] == 0)
            {
                continue;
            }
            for (var i = w * sizeof(ulong); i < (w + 1) * sizeof(ulong); i++)
            {
                var bucket = Bucket(_run[i]);
                if (bucket != 0 && (_seen[i] & bucket) != bucket)
                {
                    _seen[i] |= bucket;
                    novel = true;
                }
            }
        }
        return novel;
    }

    /// <summary>AFL's classes of hit counts (1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+), one bit each.</summary>
    private static byte Bucket(byte hits) => hits switch
    {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 4,
        < 8 => 8,
        < 16 => 16,
        < 32 => 32,
        < 128 => 64,
        _ => 128,
    };
}
