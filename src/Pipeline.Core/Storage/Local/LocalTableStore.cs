using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Pipeline.Core.Storage.Local;

/// <summary>
/// Tables as folders of JSON files: <c>{root}/{table}/{partition}/{row}.json</c>. Each file
/// holds the row's values and a version number that serves as its ETag. Changes hold a
/// lock file per table, so two runner processes on one lake cannot interleave.
/// </summary>
public sealed class LocalTableStore : ITableStore
{
    private readonly string _root;

    public LocalTableStore(string root) => _root = Path.GetFullPath(root);

    public async Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var file = RowFile(table, partitionKey, rowKey);
        return File.Exists(file) ? await ReadRowAsync(file, cancellationToken) : null;
    }

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, string? partitionKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = partitionKey is null ? Path.Combine(_root, table) : Path.Combine(_root, table, Encode(partitionKey));
        if (!Directory.Exists(folder))
        {
            yield break;
        }
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var row = await TryReadRowAsync(file, cancellationToken);
            if (row is not null)
            {
                yield return row;
            }
        }
    }

    public Task UpsertAsync(string table, TableRow row, CancellationToken cancellationToken) =>
        WithTableLockAsync(table, file => WriteRowAsync(file, row, CurrentVersion(file) + 1, cancellationToken), row, cancellationToken);

    public async Task UpsertPartitionAsync(string table, string partitionKey, IReadOnlyCollection<TableRow> rows, CancellationToken cancellationToken)
    {
        TableRows.RequireOnePartition(partitionKey, rows);
        var folder = Path.Combine(_root, table);
        Directory.CreateDirectory(folder);
        await using var tableLock = await AcquireLockAsync(Path.Combine(folder, ".lock"), cancellationToken);
        foreach (var row in rows)
        {
            var file = RowFile(table, row.PartitionKey, row.RowKey);
            await WriteRowAsync(file, row, CurrentVersion(file) + 1, cancellationToken);
        }
    }

    public async Task<bool> TryInsertAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        var inserted = false;
        await WithTableLockAsync(table, async file =>
        {
            if (!File.Exists(file))
            {
                await WriteRowAsync(file, row, 1, cancellationToken);
                inserted = true;
            }
        }, row, cancellationToken);
        return inserted;
    }

    public async Task<bool> TryReplaceAsync(string table, TableRow row, CancellationToken cancellationToken)
    {
        var replaced = false;
        await WithTableLockAsync(table, async file =>
        {
            var version = CurrentVersion(file);
            if (version > 0 && version.ToString(System.Globalization.CultureInfo.InvariantCulture) == row.ETag)
            {
                await WriteRowAsync(file, row, version + 1, cancellationToken);
                replaced = true;
            }
        }, row, cancellationToken);
        return replaced;
    }

    public Task DeleteAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        WithTableLockAsync(table, file =>
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
            return Task.CompletedTask;
        }, new TableRow(partitionKey, rowKey, new Dictionary<string, string?>()), cancellationToken);

    private async Task WithTableLockAsync(string table, Func<string, Task> change, TableRow row, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(_root, table);
        Directory.CreateDirectory(folder);
        await using var tableLock = await AcquireLockAsync(Path.Combine(folder, ".lock"), cancellationToken);
        await change(RowFile(table, row.PartitionKey, row.RowKey));
    }

    private static async Task<FileStream> AcquireLockAsync(string lockFile, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(5, cancellationToken);
            }
        }
    }

    private static long CurrentVersion(string file)
    {
        if (!File.Exists(file))
        {
            return 0;
        }
        return JsonSerializer.Deserialize<StoredRow>(File.ReadAllBytes(file))?.Version ?? 0;
    }

    private static async Task WriteRowAsync(string file, TableRow row, long version, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var stored = new StoredRow(row.PartitionKey, row.RowKey, version, new Dictionary<string, string?>(row.Values));
        var temp = file + ".tmp";
        await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(stored), cancellationToken);
        File.Move(temp, file, overwrite: true);
    }

    private static async Task<TableRow> ReadRowAsync(string file, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize<StoredRow>(await File.ReadAllBytesAsync(file, cancellationToken))
            ?? throw new InvalidDataException($"Empty table row file {file}");
        return new TableRow(stored.PartitionKey, stored.RowKey, stored.Values,
            stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A row deleted between listing and reading is simply not returned.</summary>
    private static async Task<TableRow?> TryReadRowAsync(string file, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadRowAsync(file, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private string RowFile(string table, string partitionKey, string rowKey) =>
        Path.Combine(_root, table, Encode(partitionKey), Encode(rowKey) + ".json");

    /// <summary>Keys become file names: anything outside [A-Za-z0-9._-] is written as %XX.</summary>
    private static string Encode(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && builder.Length > 0))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private sealed record StoredRow(string PartitionKey, string RowKey, long Version, Dictionary<string, string?> Values);
}
