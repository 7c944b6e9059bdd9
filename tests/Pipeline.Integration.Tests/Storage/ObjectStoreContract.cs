namespace Pipeline.Integration.Tests.Storage;

/// <summary>
/// What every <see cref="IObjectStore"/> promises; run against the local folder lake and
/// Azure Blob Storage (Azurite). Each test works under a fresh prefix of its own.
/// </summary>
public abstract class ObjectStoreContract
{
    private readonly string _base = $"landing/test-{Guid.NewGuid():N}/";

    protected abstract IObjectStore Store { get; }

    /// <summary>Whether a replacement under a new name is one atomic step (locally), or leaves a moment with both (Blob storage).</summary>
    protected abstract bool ReplacesUnderNewNameAtomically { get; }

    /// <summary>A hung store call fails the test instead of hanging the run.</summary>
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    [Fact]
    public async Task WriteAsync_ThenOpenRead_ReturnsTheSameBytes()
    {
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        await Store.WriteAsync(_base + "file.bin", new MemoryStream(bytes), _ct);

        Assert.Equal(bytes, await ReadAllAsync(_base + "file.bin"));
    }

    [Fact]
    public async Task OpenReadAsync_ObjectLargerThanOneDownloadChunk_ReadsWholeAndSeeksAcrossChunks()
    {
        // Blob storage downloads 4 MiB at a time; this object spans three chunks.
        var bytes = Enumerable.Range(0, 9 * 1024 * 1024 + 17).Select(i => (byte)(i % 251)).ToArray();
        await Store.WriteAsync(_base + "large.bin", new MemoryStream(bytes), _ct);

        Assert.Equal(bytes, await ReadAllAsync(_base + "large.bin"));
        await using var stream = await Store.OpenReadAsync(_base + "large.bin", _ct);
        stream.Position = bytes.Length - 3;
        var tail = new byte[3];
        await stream.ReadExactlyAsync(tail, _ct);
        stream.Position = 4 * 1024 * 1024 - 1;
        var acrossTheFirstBoundary = new byte[2];
        await stream.ReadExactlyAsync(acrossTheFirstBoundary, _ct);

        Assert.Equal(bytes[^3..], tail);
        Assert.Equal(bytes[(4 * 1024 * 1024 - 1)..(4 * 1024 * 1024 + 1)], acrossTheFirstBoundary);
    }

    [Fact]
    public async Task OpenReadAsync_EmptyObject_ReadsAsEmpty()
    {
        await Store.WriteAsync(_base + "empty.bin", new MemoryStream(), _ct);

        Assert.Empty(await ReadAllAsync(_base + "empty.bin"));
    }

    [Fact]
    public async Task WriteAsync_ExistingPath_ReplacesTheContent()
    {
        await WriteTextAsync(_base + "file.csv", "first version, longer than the second");
        await WriteTextAsync(_base + "file.csv", "second");

        Assert.Equal("second", await ReadTextAsync(_base + "file.csv"));
        Assert.Equal(6, (await Store.GetInfoAsync(_base + "file.csv", _ct))!.Size);
    }

    [Fact]
    public async Task TryCreateAsync_Twice_SecondReturnsFalseAndKeepsTheFirstContent()
    {
        var first = await Store.TryCreateAsync(_base + "once.txt", Text("first"), _ct);
        var second = await Store.TryCreateAsync(_base + "once.txt", Text("second"), _ct);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("first", await ReadTextAsync(_base + "once.txt"));
    }

    [Fact]
    public async Task TryCreateAsync_ConcurrentWriters_ExactlyOneWins()
    {
        var path = _base + "race.txt";
        var attempts = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => Store.TryCreateAsync(path, Text($"writer {i}"), _ct), _ct))
            .ToArray();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(Enumerable.Range(0, 8), i => results[i]);
        Assert.Equal($"writer {winner}", await ReadTextAsync(path));
    }

    /// <summary>
    /// Each writer's content ends only when every writer has sent all of its own, so all of them
    /// reach the store's commit step (a rename, a link, the final upload request) at one moment.
    /// </summary>
    [Fact]
    public async Task TryCreateAsync_WritersCommittingAtOneMoment_ExactlyOneWinsEachRace()
    {
        const int races = 10, writers = 8;
        var results = new List<(int Race, int Writer, bool Won)>();
        for (var race = 0; race < races; race++)
        {
            var path = $"{_base}race-{race}.txt";
            var gate = new EndGate(writers);
            // A thread of its own per writer: the gate blocks the thread, as a busy disk would.
            var attempts = Enumerable.Range(0, writers)
                .Select(writer => Task.Factory.StartNew(() => Store.TryCreateAsync(path, gate.Content($"writer {writer}"), _ct).GetAwaiter().GetResult(),
                    _ct, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            var won = await Task.WhenAll(attempts);

            var winner = Assert.Single(Enumerable.Range(0, writers), writer => won[writer]);
            Assert.Equal($"writer {winner}", await ReadTextAsync(path));
        }
        Assert.Equal(races, (await ListAsync(_base)).Count);
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritersAndReaders_EveryReadAndTheEndAreOneWholeVersion()
    {
        const int size = 256 * 1024;
        var path = _base + "contended.bin";
        await Store.WriteAsync(path, new MemoryStream(Filled((byte)'a', size)), _ct);

        var writers = Enumerable.Range(1, 6)
            .Select(i => Task.Run(() => Store.WriteAsync(path, new MemoryStream(Filled((byte)('a' + i), size)), _ct), _ct))
            .ToArray();
        var writing = Task.WhenAll(writers);
        var reads = 0;
        while (!writing.IsCompleted || reads++ == 0)
        {
            AssertOneVersion(await ReadAllAsync(path), size);
            Assert.Equal(size, (await Store.GetInfoAsync(path, _ct))!.Size);
        }
        await writing;

        AssertOneVersion(await ReadAllAsync(path), size);
        Assert.Equal([path], (await ListAsync(_base)).Select(info => info.Path));
    }

    [Fact]
    public async Task ListAndGetInfo_WhileObjectsAreWrittenAndDeleted_SeeOnlyWholeObjects()
    {
        const int size = 64 * 1024;
        var paths = Enumerable.Range(0, 5).Select(i => $"{_base}churn/{i}.bin").ToArray();
        var churning = Task.Run(async () =>
        {
            for (var round = 0; round < 8; round++)
            {
                await Task.WhenAll(paths.Select(path => Store.WriteAsync(path, new MemoryStream(Filled((byte)round, size)), _ct)));
                await Task.WhenAll(paths.Where((_, i) => i % 2 == round % 2).Select(path => Store.DeleteAsync(path, _ct)));
            }
        }, _ct);
        var looks = 0;
        while (!churning.IsCompleted || looks++ == 0)
        {
            foreach (var info in await ListAsync(_base))
            {
                Assert.Contains(info.Path, paths);
                Assert.Equal(size, info.Size);
            }
            foreach (var path in paths)
            {
                Assert.True(await Store.GetInfoAsync(path, _ct) is null or { Size: size });
            }
        }
        await churning;
    }

    [Fact]
    public async Task DeleteAsync_ConcurrentDeletersOfOneObject_AllSucceedAndItIsGone()
    {
        await WriteTextAsync(_base + "shared.csv", "x");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.DeleteAsync(_base + "shared.csv", _ct), _ct)));

        Assert.Null(await Store.GetInfoAsync(_base + "shared.csv", _ct));
    }

    [Fact]
    public async Task WriteReplacingAsync_OldObject_NewNameHoldsTheContentAndTheOldIsGone()
    {
        await WriteTextAsync(_base + "p/part-old.txt", "old");

        await Store.WriteReplacingAsync(_base + "p/part-new.txt", _base + "p/part-old.txt", Text("new"), _ct);

        Assert.Equal([_base + "p/part-new.txt"], (await ListAsync(_base)).Select(info => info.Path));
        Assert.Equal("new", await ReadTextAsync(_base + "p/part-new.txt"));
    }

    [Fact]
    public async Task WriteReplacingAsync_NothingToReplace_JustWrites()
    {
        await Store.WriteReplacingAsync(_base + "p/part-new.txt", _base + "p/part-never.txt", Text("new"), _ct);

        Assert.Equal([_base + "p/part-new.txt"], (await ListAsync(_base)).Select(info => info.Path));
    }

    [Fact]
    public async Task WriteReplacingAsync_ReaderPollingDuringRepeatedReplacements_NeverSeesNoneNorTwo()
    {
        const int size = 64 * 1024;
        var folder = _base + "partition/";
        await Store.WriteAsync(folder + "part-00.bin", new MemoryStream(Filled(0, size)), _ct);

        var replacing = Task.Run(async () =>
        {
            for (var i = 1; i <= 30; i++)
            {
                await Store.WriteReplacingAsync($"{folder}part-{i:D2}.bin", $"{folder}part-{i - 1:D2}.bin", new MemoryStream(Filled((byte)i, size)), _ct);
            }
        }, _ct);
        var (polls, sawTwo) = (0, 0);
        while (!replacing.IsCompleted || polls++ == 0)
        {
            var listed = await ListAsync(folder);
            Assert.NotEmpty(listed);
            Assert.InRange(listed.Count, 1, 2);
            sawTwo += listed.Count == 2 ? 1 : 0;
            Assert.All(listed, info => Assert.Equal(size, info.Size));
        }
        await replacing;

        if (ReplacesUnderNewNameAtomically)
        {
            Assert.Equal(0, sawTwo);
        }
        Assert.Equal([folder + "part-30.bin"], (await ListAsync(folder)).Select(info => info.Path));
        AssertOneVersion(await ReadAllAsync(folder + "part-30.bin"), size);
        Assert.Equal(30, (await ReadAllAsync(folder + "part-30.bin"))[0]);
    }

    [Fact]
    public async Task GetInfoAsync_WrittenObject_ReportsPathSizeAndTimes()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-2);
        await WriteTextAsync(_base + "a/info.json", "12345");
        var after = DateTimeOffset.UtcNow.AddMinutes(2);

        var info = await Store.GetInfoAsync(_base + "a/info.json", _ct);

        Assert.NotNull(info);
        Assert.Equal(_base + "a/info.json", info.Path);
        Assert.Equal(5, info.Size);
        Assert.InRange(info.CreatedAt, before, after);
        Assert.InRange(info.LastModified, info.CreatedAt, after);
    }

    [Fact]
    public async Task GetInfoAsync_Missing_ReturnsNull()
    {
        Assert.Null(await Store.GetInfoAsync(_base + "missing.csv", _ct));
        Assert.Null(await Store.GetInfoAsync($"nozone{Guid.NewGuid():N}/missing.csv", _ct));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsEveryObjectUnderItInOrdinalOrder()
    {
        string[] written = ["a/b.csv", "a.csv", "B.csv", "a/a/c.csv", "a-b.csv"];
        foreach (var name in written)
        {
            await WriteTextAsync(_base + name, name);
        }
        await WriteTextAsync(_base.TrimEnd('/') + "x/other.csv", "a sibling prefix that shares the start");

        var listed = await ListAsync(_base);

        // Ordinal: 'B' (0x42) < 'a'; then '-' (0x2D) < '.' (0x2E) < '/' (0x2F).
        string[] expected = ["B.csv", "a-b.csv", "a.csv", "a/a/c.csv", "a/b.csv"];
        Assert.Equal(expected.Select(name => _base + name), listed.Select(info => info.Path));
        Assert.Equal(expected.Select(name => (long)name.Length), listed.Select(info => info.Size));
    }

    [Fact]
    public async Task ListAsync_PrefixEndingInsideAName_MatchesByTextNotByFolder()
    {
        await WriteTextAsync(_base + "report-2026.csv", "x");
        await WriteTextAsync(_base + "report/inner.csv", "x");
        await WriteTextAsync(_base + "other.csv", "x");

        var listed = await ListAsync(_base + "rep");

        Assert.Equal([_base + "report-2026.csv", _base + "report/inner.csv"], listed.Select(info => info.Path));
    }

    [Fact]
    public async Task ListAsync_NothingUnderPrefix_ReturnsEmpty()
    {
        Assert.Empty(await ListAsync(_base));
        Assert.Empty(await ListAsync($"nozone{Guid.NewGuid():N}/"));
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesIt()
    {
        await WriteTextAsync(_base + "gone.csv", "x");

        await Store.DeleteAsync(_base + "gone.csv", _ct);

        Assert.Null(await Store.GetInfoAsync(_base + "gone.csv", _ct));
        Assert.Empty(await ListAsync(_base));
    }

    [Fact]
    public async Task DeleteAsync_Missing_DoesNothing()
    {
        await Store.DeleteAsync(_base + "never-written.csv", _ct);
        await Store.DeleteAsync($"nozone{Guid.NewGuid():N}/never-written.csv", _ct);

        Assert.Null(await Store.GetInfoAsync(_base + "never-written.csv", _ct));
    }

    [Fact]
    public async Task OpenReadAsync_Missing_ThrowsFileNotFound()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(_base + "missing.parquet", _ct));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync($"nozone{Guid.NewGuid():N}/missing.parquet", _ct));
    }

    [Fact]
    public async Task OpenReadAsync_Stream_SeeksLikeAFile()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await Store.WriteAsync(_base + "seek.bin", new MemoryStream(bytes), _ct);

        await using var stream = await Store.OpenReadAsync(_base + "seek.bin", _ct);
        Assert.True(stream.CanSeek);
        Assert.Equal(256, stream.Length);
        stream.Seek(-4, SeekOrigin.End);
        var tail = new byte[4];
        await stream.ReadExactlyAsync(tail, _ct);
        stream.Position = 10;
        var middle = new byte[2];
        await stream.ReadExactlyAsync(middle, _ct);

        Assert.Equal(new byte[] { 252, 253, 254, 255 }, tail);
        Assert.Equal(new byte[] { 10, 11 }, middle);
    }

    [Fact]
    public async Task OpenReadAsync_ObjectReplacedAfterOpening_StreamReadsTheVersionItOpened()
    {
        await WriteTextAsync(_base + "opened.csv", "old content");

        await using var stream = await Store.OpenReadAsync(_base + "opened.csv", _ct);
        await WriteTextAsync(_base + "opened.csv", "new content, longer");
        using var reader = new StreamReader(stream);

        Assert.Equal("old content", await reader.ReadToEndAsync(_ct));
    }

    [Fact]
    public async Task WriteAsync_WhileReadersRead_ReadersSeeTheOldOrTheNewContentOnly()
    {
        const int size = 1 << 20;
        var path = _base + "swap.bin";
        await Store.WriteAsync(path, new MemoryStream(Filled((byte)'o', size)), _ct);

        var writing = Store.WriteAsync(path, new SlowStream(Filled((byte)'n', size), chunk: 64 * 1024, delay: TimeSpan.FromMilliseconds(20)), _ct);
        var readsDuringWrite = 0;
        while (!writing.IsCompleted)
        {
            var seen = await ReadAllAsync(path);
            Assert.Equal(size, seen.Length);
            Assert.True(seen.All(b => b == 'o') || seen.All(b => b == 'n'), "a reader saw a mix of old and new content");
            readsDuringWrite++;
        }
        await writing;

        Assert.True(readsDuringWrite > 0);
        Assert.All(await ReadAllAsync(path), b => Assert.Equal((byte)'n', b));
    }

    private async Task WriteTextAsync(string path, string text) => await Store.WriteAsync(path, Text(text), _ct);

    private async Task<string> ReadTextAsync(string path) => Encoding.UTF8.GetString(await ReadAllAsync(path));

    private async Task<byte[]> ReadAllAsync(string path)
    {
        await using var stream = await Store.OpenReadAsync(path, _ct);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, _ct);
        return buffer.ToArray();
    }

    private async Task<List<ObjectInfo>> ListAsync(string prefix)
    {
        var listed = new List<ObjectInfo>();
        await foreach (var info in Store.ListAsync(prefix, _ct))
        {
            listed.Add(info);
        }
        return listed;
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    private static void AssertOneVersion(byte[] seen, int size)
    {
        Assert.Equal(size, seen.Length);
        Assert.True(seen.All(b => b == seen[0]), "a reader saw a mix of two versions");
    }

    private static byte[] Filled(byte value, int size)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, value);
        return bytes;
    }

    /// <summary>Streams whose last read waits until every stream of the gate has been read to its end.</summary>
    private sealed class EndGate(int streams)
    {
        private readonly Barrier _allAtEnd = new(streams);

        public Stream Content(string text) => new GatedStream(Encoding.UTF8.GetBytes(text), this);

        private Task ReachedEndAsync(CancellationToken cancellationToken)
        {
            _allAtEnd.SignalAndWait(cancellationToken);
            return Task.CompletedTask;
        }

        private sealed class GatedStream(byte[] content, EndGate gate) : ForwardOnlyStream
        {
            private bool _waited;

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (Offset >= content.Length)
                {
                    if (!_waited)
                    {
                        _waited = true;
                        await gate.ReachedEndAsync(cancellationToken);
                    }
                    return 0;
                }
                var count = Math.Min(buffer.Length, content.Length - Offset);
                content.AsMemory(Offset, count).CopyTo(buffer);
                Offset += count;
                return count;
            }
        }
    }

    /// <summary>A stream read forwards only, through <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>, as the stores read uploads.</summary>
    private abstract class ForwardOnlyStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Offset; set => throw new NotSupportedException(); }

        /// <summary>How many bytes have been read.</summary>
        protected int Offset { get; set; }

        public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A forward-only stream that hands out its bytes a chunk at a time, pausing between chunks.</summary>
    private sealed class SlowStream(byte[] content, int chunk, TimeSpan delay) : ForwardOnlyStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Offset >= content.Length)
            {
                return 0;
            }
            await Task.Delay(delay, cancellationToken);
            var count = Math.Min(Math.Min(chunk, buffer.Length), content.Length - Offset);
            content.AsMemory(Offset, count).CopyTo(buffer);
            Offset += count;
            return count;
        }
    }
}

public sealed class LocalObjectStoreContractTests : ObjectStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lake-").FullName;

    public LocalObjectStoreContractTests() => Store = new Pipeline.Core.Storage.Local.LocalObjectStore(_root);

    protected override IObjectStore Store { get; }

    protected override bool ReplacesUnderNewNameAtomically => true;

    [Fact]
    public async Task WriteAsync_TempFilesAKilledWriterLeft_RemovesThoseOlderThanALease()
    {
        var temps = Directory.CreateDirectory(Path.Combine(_root, ".tmp")).FullName;
        var abandoned = Path.Combine(temps, "killed-writer");
        var recent = Path.Combine(temps, "live-writer");
        await File.WriteAllTextAsync(abandoned, "half a part");
        await File.WriteAllTextAsync(recent, "being written");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - LeaseRenewal.Length - TimeSpan.FromSeconds(1));

        await Store.WriteAsync("curated/sweep/a.txt", new MemoryStream("a"u8.ToArray()), default);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(recent));
        Assert.Equal([recent], Directory.GetFiles(temps));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

public sealed class BlobObjectStoreContractTests : ObjectStoreContract
{
    protected override IObjectStore Store { get; } = Azurite.Connect().Objects;

    protected override bool ReplacesUnderNewNameAtomically => false;
}
