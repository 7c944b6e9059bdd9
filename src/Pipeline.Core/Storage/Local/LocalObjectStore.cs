using System.Runtime.CompilerServices;

namespace Pipeline.Core.Storage.Local;

/// <summary>
/// The lake as a folder: <c>{root}/{zone}/...</c>. Writes go to a temporary file under
/// <c>{root}/.tmp</c> and are renamed (or, for a create-once, hard-linked) into place, so a
/// reader never sees half a file. A process killed mid-write leaves its temporary file behind; the
/// first write of the next store over the folder removes those not written to for longer than a
/// lease (<see cref="LeaseRenewal.Length"/>: no live writer pauses that long).
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    private const int ListingPasses = 3;

    private readonly string _root;
    private readonly string _tempFolder;
    private int _tempSwept;

    public LocalObjectStore(string root)
    {
        _root = Path.GetFullPath(root);
        _tempFolder = Path.Combine(_root, ".tmp");
    }

    public string Root => _root;

    public Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileInfo(FullPath(path));
        return Task.FromResult(file.Exists ? ToInfo(path, file) : null);
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        var fullPath = FullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"No object at {path}", path);
        }
        Stream stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
        return Task.FromResult(stream);
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        var temp = await WriteTempAsync(content, cancellationToken);
        var target = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(temp, target, overwrite: true);
    }

    /// <summary>
    /// The new content is renamed over the old object first (one name visible, now holding the new
    /// content), and that file is then renamed to the new name: each rename(2) is atomic, so a
    /// listing never shows both names, nor neither.
    /// </summary>
    public async Task WriteReplacingAsync(string path, string replaced, Stream content, CancellationToken cancellationToken)
    {
        var target = FullPath(path);
        var old = FullPath(replaced);
        if (old == target)
        {
            throw new ArgumentException($"{replaced} is the path being written", nameof(replaced));
        }
        var temp = await WriteTempAsync(content, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(old))
        {
            File.Move(temp, old, overwrite: true);
            File.Move(old, target, overwrite: true);
        }
        else
        {
            File.Move(temp, target, overwrite: true);
        }
    }

    public async Task<bool> TryCreateAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        var target = FullPath(path);
        if (File.Exists(target))
        {
            return false;
        }
        var temp = await WriteTempAsync(content, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            return ExclusiveFile.TryPlace(temp, target);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var zone = prefix.Split('/', 2)[0];
        if (zone.Length == 0)
        {
            yield break;
        }
        // Start at the deepest folder the prefix names whole: listing one partition reads that
        // folder, not every file of the zone (which made a 50-partner lake's process quadratic).
        var folders = prefix[..(prefix.LastIndexOf('/') + 1)].TrimEnd('/');
        var start = folders.Length == 0 ? Path.Combine(_root, zone) : FullPath(folders);
        if (!Directory.Exists(start))
        {
            yield break;
        }
        foreach (var info in ListFiles(start, prefix, cancellationToken))
        {
            yield return info;
        }
        await Task.CompletedTask;
    }

    /// <summary>
    /// A file renamed between reading its folder and reading its size is missing from that pass;
    /// as a replacement is a rename (<see cref="WriteReplacingAsync"/>), the folders are then read
    /// again, up to <see cref="ListingPasses"/> times, so a listing does not miss a partition's part.
    /// </summary>
    private List<ObjectInfo> ListFiles(string folder, string prefix, CancellationToken cancellationToken)
    {
        for (var pass = 1; ; pass++)
        {
            var listed = new List<ObjectInfo>();
            var vanished = false;
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = ToLakePath(file);
                if (!path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }
                var info = new FileInfo(file);
                if (info.Exists)
                {
                    listed.Add(ToInfo(path, info));
                }
                else
                {
                    vanished = true;
                }
            }
            if (!vanished || pass == ListingPasses)
            {
                listed.Sort((left, right) => string.CompareOrdinal(left.Path, right.Path));
                return listed;
            }
        }
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var fullPath = FullPath(path);
        if (File.Exists(fullPath))
        {
            File.Delete(fullPath);
        }
        return Task.CompletedTask;
    }

    private async Task<string> WriteTempAsync(Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_tempFolder);
        if (Interlocked.Exchange(ref _tempSwept, 1) == 0)
        {
            SweepAbandonedTemps();
        }
        var temp = Path.Combine(_tempFolder, Guid.NewGuid().ToString("N"));
        try
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await content.CopyToAsync(file, cancellationToken);
        }
        catch
        {
            // A stream that fails part-way (an upload over the size limit, a dropped connection) leaves nothing behind.
            File.Delete(temp);
            throw;
        }
        return temp;
    }

    private void SweepAbandonedTemps()
    {
        var before = DateTime.UtcNow - LeaseRenewal.Length;
        foreach (var temp in new DirectoryInfo(_tempFolder).EnumerateFiles())
        {
            if (temp.LastWriteTimeUtc < before)
            {
                try
                {
                    temp.Delete();
                }
                catch (IOException)
                {
                    // Another store swept it first.
                }
            }
        }
    }

    private string FullPath(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Path {path} leaves the lake", nameof(path));
        }
        return full;
    }

    private string ToLakePath(string fullPath) =>
        Path.GetRelativePath(_root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    private static ObjectInfo ToInfo(string path, FileInfo file)
    {
        var modified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero);
        return new ObjectInfo(path, file.Length, modified, modified);
    }
}
