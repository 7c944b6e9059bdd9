using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace Pipeline.Core.Storage.Local;

/// <summary>
/// The local lake's tables in one SQLite database, <c>{folder}/tables.db</c> (the runner passes
/// the lake's <c>_tables</c> folder). Every table shares one SQL table keyed by
/// (table, partition, row); values are a JSON object so nulls survive, and the ETag is a fresh
/// random token per write, so a version read before a delete never matches a later re-insert.
/// The database runs in WAL mode: readers never block the writer, and several runner processes
/// on one lake take turns through SQLite's file locks, waiting up to <see cref="BusyTimeout"/>.
/// Connections come from Microsoft.Data.Sqlite's pool, one per call.
/// </summary>
public sealed class SqliteTableStore : ITableStore
{
    public const string FileName = "tables.db";

    /// <summary>How long a call waits for another connection's (or process's) write to finish.</summary>
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS table_rows (
            table_name    TEXT NOT NULL,
            partition_key TEXT NOT NULL,
            row_key       TEXT NOT NULL,
            etag          TEXT NOT NULL,
            row_values    TEXT NOT NULL,
            PRIMARY KEY (table_name, partition_key, row_key)
        ) WITHOUT ROWID;
        """;

    private const string Upsert = """
        INSERT INTO table_rows (table_name, partition_key, row_key, etag, row_values)
        VALUES ($table, $partition, $row, $etag, $values)
        ON CONFLICT (table_name, partition_key, row_key) DO UPDATE SET etag = excluded.etag, row_values = excluded.row_values
        """;

    private const string SelectColumns = "SELECT partition_key, row_key, etag, row_values FROM table_rows";

    private readonly string _folder;
    private readonly string _connectionString;
    private readonly Lock _initialise = new();
    private volatile bool _initialised;

    public SqliteTableStore(string folder)
    {
        _folder = Path.GetFullPath(folder);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public async Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, $"{SelectColumns} WHERE table_name = $table AND partition_key = $partition AND row_key = $row",
            ("$table", table), ("$partition", partitionKey), ("$row", rowKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRow(reader) : null;
    }

    /// <summary>Streams the rows in key order from one read snapshot (WAL): writes meanwhile are not seen, and not blocked.</summary>
    public async IAsyncEnumerable<TableRow> QueryAsync(string table, string? partitionKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = partitionKey is null
            ? Command(connection, $"{SelectColumns} WHERE table_name = $table ORDER BY partition_key, row_key", ("$table", table))
            : Command(connection, $"{SelectColumns} WHERE table_name = $table AND partition_key = $partition ORDER BY row_key",
                ("$table", table), ("$partition", partitionKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadRow(reader);
        }
    }

    public async Task UpsertAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = RowCommand(connection, Upsert, table, row);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One transaction for the whole partition, through one prepared statement.</summary>
    public async Task UpsertPartitionAsync(string table, string partitionKey, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken)
    {
        TableRows.RequireOnePartition(partitionKey, rows);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = Command(connection, Upsert,
            ("$table", table), ("$partition", partitionKey), ("$row", ""), ("$etag", ""), ("$values", ""));
        command.Transaction = transaction;
        command.Prepare();
        foreach (var row in rows)
        {
            command.Parameters["$row"].Value = row.RowKey;
            command.Parameters["$etag"].Value = NewETag();
            command.Parameters["$values"].Value = SerializeValues(row);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> TryInsertAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = RowCommand(connection, """
            INSERT INTO table_rows (table_name, partition_key, row_key, etag, row_values)
            VALUES ($table, $partition, $row, $etag, $values)
            ON CONFLICT (table_name, partition_key, row_key) DO NOTHING
            """, table, row);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The version check and the write are one statement, so no other writer can slip between them.</summary>
    public async Task<bool> TryReplaceAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        if (row.ETag is null)
        {
            return false;
        }
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = RowCommand(connection, """
            UPDATE table_rows SET etag = $etag, row_values = $values
            WHERE table_name = $table AND partition_key = $partition AND row_key = $row AND etag = $expected
            """, table, row);
        command.Parameters.AddWithValue("$expected", row.ETag);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "DELETE FROM table_rows WHERE table_name = $table AND partition_key = $partition AND row_key = $row",
            ("$table", table), ("$partition", partitionKey), ("$row", rowKey));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_initialised)
        {
            Initialise();
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Per connection: SQLite itself waits for a lock held by another process instead of failing with SQLITE_BUSY.
        await using var busy = Command(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL");
        await busy.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Creates the folder, the database and its table once per store; WAL mode is a property of
    /// the database file. Synchronous: Microsoft.Data.Sqlite does its I/O synchronously anyway.
    /// </summary>
    private void Initialise()
    {
        lock (_initialise)
        {
            if (_initialised)
            {
                return;
            }
            Directory.CreateDirectory(_folder);
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = Command(connection,
                $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL; {Schema}");
            command.ExecuteNonQuery();
            _initialised = true;
        }
    }

    private static SqliteCommand RowCommand(SqliteConnection connection, string sql, string table, TableRow row) =>
        Command(connection, sql, ("$table", table), ("$partition", row.PartitionKey), ("$row", row.RowKey),
            ("$etag", NewETag()), ("$values", SerializeValues(row)));

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, string Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }

    private static TableRow ReadRow(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1),
            JsonSerializer.Deserialize(reader.GetString(3), TableValuesJson.Default.DictionaryStringString) ?? [],
            reader.GetString(2));

    private static string SerializeValues(TableRow row) => JsonSerializer.Serialize(row.Values, TableValuesJson.Default.IReadOnlyDictionaryStringString);

    private static string NewETag() => Guid.NewGuid().ToString("N");
}

/// <summary>Row values as JSON without reflection: faster, and works where reflection-based serialization is off (trimmed or AOT hosts).</summary>
[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string?>))]
internal sealed partial class TableValuesJson : JsonSerializerContext;
