namespace Pipeline.Integration.Tests.Storage;

/// <summary>
/// What every <see cref="ITableStore"/> promises; run against the local SQLite tables and
/// Azure Table storage (Azurite). Each test uses a fresh table of its own.
/// </summary>
public abstract class TableStoreContract
{
    private readonly string _table = $"t{Guid.NewGuid():N}";

    /// <summary>A hung store call fails the test instead of hanging the run.</summary>
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    protected abstract ITableStore Store { get; }

    [Fact]
    public async Task UpsertAsync_ThenGet_ReturnsTheValuesAndAVersion()
    {
        await Store.UpsertAsync(_table, Row("p", "r", ("rows_in", "12"), ("message", "Café, 2 lines\nsecond")), _ct);

        var row = await Store.GetAsync(_table, "p", "r", _ct);

        Assert.NotNull(row);
        Assert.Equal(("p", "r"), (row.PartitionKey, row.RowKey));
        Assert.Equal("12", row["rows_in"]);
        Assert.Equal("Café, 2 lines\nsecond", row["message"]);
        Assert.False(string.IsNullOrEmpty(row.ETag));
    }

    [Fact]
    public async Task UpsertAsync_ExistingRow_ReplacesEveryValue()
    {
        await Store.UpsertAsync(_table, Row("p", "r", ("status", "accepted"), ("errors", "0")), _ct);
        await Store.UpsertAsync(_table, Row("p", "r", ("status", "refused")), _ct);

        var row = await Store.GetAsync(_table, "p", "r", _ct);

        Assert.Equal("refused", row!["status"]);
        Assert.Null(row["errors"]);
    }

    [Fact]
    public async Task UpsertAsync_NullValue_ReadsBackAsNull()
    {
        await Store.UpsertAsync(_table, Row("p", "r", ("message", null), ("status", "ok")), _ct);

        var row = await Store.GetAsync(_table, "p", "r", _ct);

        Assert.Null(row!["message"]);
        Assert.Equal("ok", row["status"]);
    }

    [Fact]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        await Store.UpsertAsync(_table, Row("p", "r"), _ct);

        Assert.Null(await Store.GetAsync(_table, "p", "other", _ct));
        Assert.Null(await Store.GetAsync($"t{Guid.NewGuid():N}", "p", "r", _ct));
    }

    [Fact]
    public async Task UpsertPartitionAsync_MoreRowsThanOneBatch_StoresAndReplacesEveryRow()
    {
        await Store.UpsertAsync(_table, Row("2026-01", "r007", ("v", "old"), ("gone", "x")), _ct);
        var rows = Enumerable.Range(0, 250).Select(i => Row("2026-01", $"r{i:D3}", ("v", $"{i}"))).ToList();

        await Store.UpsertPartitionAsync(_table, "2026-01", rows, _ct);

        var stored = await QueryAsync("2026-01");
        Assert.Equal(250, stored.Count);
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"{i}").Order(), stored.Select(row => row["v"]!).Order());
        Assert.Null(stored.Single(row => row.RowKey == "r007")["gone"]);
    }

    [Fact]
    public async Task UpsertPartitionAsync_RowOfAnotherPartition_IsRefusedAndNothingWritten()
    {
        TableRow[] rows = [Row("a", "1", ("v", "1")), Row("b", "1", ("v", "2"))];

        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertPartitionAsync(_table, "a", rows, _ct));

        Assert.Empty(await QueryAsync(null));
    }

    [Fact]
    public async Task QueryAsync_Partition_ReturnsOnlyThatPartitionsRows()
    {
        await Store.UpsertAsync(_table, Row("north", "1", ("n", "a")), _ct);
        await Store.UpsertAsync(_table, Row("north", "2", ("n", "b")), _ct);
        await Store.UpsertAsync(_table, Row("northwest", "1", ("n", "c")), _ct);
        await Store.UpsertAsync(_table, Row("south", "1", ("n", "d")), _ct);

        var north = await QueryAsync("north");

        Assert.Equal(["a", "b"], north.Select(row => row["n"]).Order());
        Assert.All(north, row => Assert.Equal("north", row.PartitionKey));
    }

    [Fact]
    public async Task QueryAsync_NoPartition_ReturnsEveryRow()
    {
        await Store.UpsertAsync(_table, Row("north", "1", ("n", "a")), _ct);
        await Store.UpsertAsync(_table, Row("south", "1", ("n", "b")), _ct);
        await Store.UpsertAsync(_table, Row("south", "2", ("n", "c")), _ct);

        var all = await QueryAsync(null);

        Assert.Equal(["a", "b", "c"], all.Select(row => row["n"]).Order());
        Assert.All(all, row => Assert.False(string.IsNullOrEmpty(row.ETag)));
    }

    [Fact]
    public async Task QueryAsync_MissingTable_ReturnsNothing() => Assert.Empty(await QueryAsync(null));

    [Fact]
    public async Task TryInsertAsync_Twice_SecondReturnsFalseAndKeepsTheFirst()
    {
        var first = await Store.TryInsertAsync(_table, Row("p", "r", ("owner", "first")), _ct);
        var second = await Store.TryInsertAsync(_table, Row("p", "r", ("owner", "second")), _ct);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("first", (await Store.GetAsync(_table, "p", "r", _ct))!["owner"]);
    }

    [Fact]
    public async Task TryReplaceAsync_CurrentETag_ReplacesAndChangesTheVersion()
    {
        var read = await StoredRowAsync();

        var replaced = await Store.TryReplaceAsync(_table, read with { Values = Values(("v", "2")) }, _ct);

        var after = (await Store.GetAsync(_table, "p", "r", _ct))!;
        Assert.True(replaced);
        Assert.Equal("2", after["v"]);
        Assert.NotEqual(read.ETag, after.ETag);
    }

    [Fact]
    public async Task TryReplaceAsync_StaleETag_ReturnsFalseAndLeavesTheRow()
    {
        var stale = await StoredRowAsync();
        await Store.UpsertAsync(_table, Row("p", "r", ("v", "someone else")), _ct);

        var replaced = await Store.TryReplaceAsync(_table, stale with { Values = Values(("v", "mine")) }, _ct);

        Assert.False(replaced);
        Assert.Equal("someone else", (await Store.GetAsync(_table, "p", "r", _ct))!["v"]);
    }

    [Fact]
    public async Task TryReplaceAsync_RowDeletedOrNeverRead_ReturnsFalse()
    {
        var read = await StoredRowAsync();
        await Store.DeleteAsync(_table, "p", "r", _ct);

        Assert.False(await Store.TryReplaceAsync(_table, read, _ct));
        Assert.False(await Store.TryReplaceAsync(_table, Row("p", "new", ("v", "1")), _ct));
        Assert.Null(await Store.GetAsync(_table, "p", "r", _ct));
        Assert.Null(await Store.GetAsync(_table, "p", "new", _ct));
    }

    [Fact]
    public async Task TryReplaceAsync_ConcurrentWriters_ExactlyOneWinsPerVersion()
    {
        await Store.UpsertAsync(_table, Row("p", "r", ("v", "start")), _ct);
        for (var round = 0; round < 3; round++)
        {
            var read = (await Store.GetAsync(_table, "p", "r", _ct))!;
            var results = await AllAtOnceAsync(6, i => Store.TryReplaceAsync(_table, read with { Values = Values(("v", $"{round}-{i}")) }, _ct));

            var winner = Assert.Single(Enumerable.Range(0, 6), i => results[i]);
            Assert.Equal($"{round}-{winner}", (await Store.GetAsync(_table, "p", "r", _ct))!["v"]);
        }
    }

    [Fact]
    public async Task TryInsertAsync_ConcurrentWriters_ExactlyOneWins()
    {
        var results = await AllAtOnceAsync(8, i => Store.TryInsertAsync(_table, Row("p", "r", ("owner", $"{i}")), _ct));

        var winner = Assert.Single(Enumerable.Range(0, 8), i => results[i]);
        Assert.Equal($"{winner}", (await Store.GetAsync(_table, "p", "r", _ct))!["owner"]);
    }

    [Fact]
    public async Task TryReplaceAsync_ConcurrentIncrements_LoseNoUpdate()
    {
        await Store.UpsertAsync(_table, Row("p", "counter", ("n", "0")), _ct);
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var done = 0; done < 5;)
            {
                var read = (await Store.GetAsync(_table, "p", "counter", _ct))!;
                var next = int.Parse(read["n"]!, System.Globalization.CultureInfo.InvariantCulture) + 1;
                if (await Store.TryReplaceAsync(_table, read with { Values = Values(("n", $"{next}")) }, _ct))
                {
                    done++;
                }
            }
        }, _ct)).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal("20", (await Store.GetAsync(_table, "p", "counter", _ct))!["n"]);
    }

    [Fact]
    public async Task UpsertPartitionAsync_WhileReadersQuery_ReadersSeeEveryRowOfOneBatch()
    {
        const int size = 100;
        await Store.UpsertPartitionAsync(_table, "p", Batch("old", size), _ct);

        var writing = Task.Run(async () =>
        {
            for (var round = 0; round < 5; round++)
            {
                await Store.UpsertPartitionAsync(_table, "p", Batch($"new{round}", size), _ct);
            }
        }, _ct);
        var reads = 0;
        while (!writing.IsCompleted || reads == 0)
        {
            var seen = await QueryAsync("p");
            Assert.Equal(size, seen.Count);
            Assert.All(seen, row => Assert.False(string.IsNullOrEmpty(row["v"])));
            reads++;
        }
        await writing;

        Assert.All(await QueryAsync("p"), row => Assert.Equal("new4", row["v"]));
    }

    [Fact]
    public async Task UpsertAsync_ConcurrentWritersOfDifferentRows_StoreEveryRow()
    {
        await AllAtOnceAsync(8, i => Store.UpsertAsync(_table, Row("p", $"r{i}", ("v", $"{i}")), _ct));

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"{i}"), (await QueryAsync("p")).Select(row => row["v"]!).Order());
    }

    [Fact]
    public async Task DeleteAsync_Existing_RemovesOnlyThatRow()
    {
        await Store.UpsertAsync(_table, Row("p", "gone"), _ct);
        await Store.UpsertAsync(_table, Row("p", "kept"), _ct);

        await Store.DeleteAsync(_table, "p", "gone", _ct);

        Assert.Null(await Store.GetAsync(_table, "p", "gone", _ct));
        Assert.Equal(["kept"], (await QueryAsync("p")).Select(row => row.RowKey));
    }

    [Fact]
    public async Task DeleteAsync_Missing_DoesNothing()
    {
        await Store.DeleteAsync(_table, "p", "never", _ct);
        await Store.UpsertAsync(_table, Row("p", "r"), _ct);
        await Store.DeleteAsync(_table, "p", "never", _ct);

        Assert.NotNull(await Store.GetAsync(_table, "p", "r", _ct));
    }

    [Theory]
    [InlineData("vacancies|2026-01", "nhs-trust-a:part-1a2b3c4d.parquet")]
    [InlineData("lmi_postings", "adzuna:4711|2026-10-01T00:00:00Z")]
    [InlineData("a.b", "under_score-dash.and.dots")]
    [InlineData("Mixed Case", "with spaces and 'quotes'")]
    public async Task Keys_WithCharactersTheStoresUse_RoundTrip(string partitionKey, string rowKey)
    {
        await Store.UpsertAsync(_table, Row(partitionKey, rowKey, ("v", "1")), _ct);
        await Store.UpsertAsync(_table, Row(partitionKey + "x", rowKey, ("v", "other partition")), _ct);

        var read = await Store.GetAsync(_table, partitionKey, rowKey, _ct);
        var partition = await QueryAsync(partitionKey);

        Assert.Equal("1", read!["v"]);
        var only = Assert.Single(partition);
        Assert.Equal((partitionKey, rowKey), (only.PartitionKey, only.RowKey));
        Assert.True(await Store.TryReplaceAsync(_table, read with { Values = Values(("v", "2")) }, _ct));
        await Store.DeleteAsync(_table, partitionKey, rowKey, _ct);
        Assert.Null(await Store.GetAsync(_table, partitionKey, rowKey, _ct));
    }

    /// <summary>Row p/r with v = 1, stored and read back with its version.</summary>
    private async Task<TableRow> StoredRowAsync()
    {
        await Store.UpsertAsync(_table, Row("p", "r", ("v", "1")), _ct);
        return (await Store.GetAsync(_table, "p", "r", _ct))!;
    }

    /// <summary>Runs <paramref name="count"/> calls on the thread pool at once and waits for them all; the results by call.</summary>
    private Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> call) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => call(i), _ct)));

    private Task AllAtOnceAsync(int count, Func<int, Task> call) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() => call(i), _ct)));

    private async Task<List<TableRow>> QueryAsync(string? partitionKey)
    {
        var rows = new List<TableRow>();
        await foreach (var row in Store.QueryAsync(_table, partitionKey, _ct))
        {
            rows.Add(row);
        }
        return rows;
    }

    private static List<TableRow> Batch(string value, int size) =>
        Enumerable.Range(0, size).Select(i => Row("p", $"r{i:D3}", ("v", value))).ToList();

    private static TableRow Row(string partitionKey, string rowKey, params (string Name, string? Value)[] values) =>
        new(partitionKey, rowKey, Values(values));

    private static Dictionary<string, string?> Values(params (string Name, string? Value)[] values) =>
        values.ToDictionary(value => value.Name, value => value.Value);
}

public sealed class SqliteTableStoreContractTests : TableStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tables-").FullName;
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    public SqliteTableStoreContractTests() => Store = new SqliteTableStore(_root);

    protected override ITableStore Store { get; }

    [Fact]
    public async Task Database_IsOneFileInTheFolderInWalMode()
    {
        await Store.UpsertAsync("t", new TableRow("p", "r", new Dictionary<string, string?>()), _ct);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_root, SqliteTableStore.FileName)}");
        await connection.OpenAsync(_ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(_ct));
        Assert.Equal([SqliteTableStore.FileName], Directory.EnumerateFiles(_root).Select(Path.GetFileName).Where(name => !name!.Contains('-', StringComparison.Ordinal)));
    }

    /// <summary>Two stores on one lake stand for two runner processes: SQLite's file locks serialise them.</summary>
    [Fact]
    public async Task TwoStoresOnOneFolder_ConcurrentWrites_LoseNothingAndReadersSeeWholeBatches()
    {
        var other = new SqliteTableStore(_root);
        await Store.UpsertAsync("t", Counter(0), _ct);
        await Store.UpsertPartitionAsync("t", "batch", Batch("v0"), _ct);

        var incrementers = new[] { Store, other, Store, other }.Select(store => Task.Run(async () =>
        {
            for (var done = 0; done < 10;)
            {
                var read = (await store.GetAsync("t", "p", "counter", _ct))!;
                var next = int.Parse(read["n"]!, System.Globalization.CultureInfo.InvariantCulture) + 1;
                done += await store.TryReplaceAsync("t", Counter(next) with { ETag = read.ETag }, _ct) ? 1 : 0;
            }
        }, _ct)).ToArray();
        var batches = Task.Run(async () =>
        {
            for (var round = 1; round <= 10; round++)
            {
                await other.UpsertPartitionAsync("t", "batch", Batch($"v{round}"), _ct);
            }
        }, _ct);
        var reads = 0;
        while (!batches.IsCompleted || reads++ == 0)
        {
            var values = new List<string?>();
            await foreach (var row in Store.QueryAsync("t", "batch", _ct))
            {
                values.Add(row["v"]);
            }
            Assert.Equal(200, values.Count);
            Assert.Single(values.Distinct());
        }
        await Task.WhenAll([.. incrementers, batches]);

        Assert.Equal("40", (await other.GetAsync("t", "p", "counter", _ct))!["n"]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static TableRow Counter(int value) =>
        new("p", "counter", new Dictionary<string, string?> { ["n"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static List<TableRow> Batch(string value) =>
        Enumerable.Range(0, 200).Select(i => new TableRow("batch", $"r{i:D3}", new Dictionary<string, string?> { ["v"] = value })).ToList();
}

public sealed class AzureTableStoreContractTests : TableStoreContract
{
    protected override ITableStore Store { get; } = Azurite.Connect().Tables;
}
