using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Pipeline.Azure;

/// <summary>
/// The lake in Azure Blob Storage: the path's first segment is the container (the zone),
/// the rest is the blob name. Containers are created the first time this instance writes
/// to one, so an empty account (Azurite) works as well as one the infrastructure prepared.
/// </summary>
public sealed class BlobObjectStore(BlobServiceClient service) : IObjectStore
{
    /// <summary>Metadata key marking a directory entry in an account with a hierarchical namespace.</summary>
    private const string FolderMarker = "hdi_isfolder";

    private const int MaxOpenAttempts = 3;

    private const int FirstChunkBytes = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, bool> _knownContainers = new(StringComparer.Ordinal);

    public async Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            BlobProperties properties = await Blob(path).GetPropertiesAsync(cancellationToken: cancellationToken);
            return IsFolder(properties.Metadata)
                ? null
                : new ObjectInfo(path, properties.ContentLength, properties.CreatedOn, properties.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// The first chunk (4 MiB) is fetched with one request, which returns it together with the
    /// version (ETag) it belongs to, so a blob that fits in it is always one whole version, however
    /// often it is being replaced. A larger blob continues as a seekable stream (Parquet readers
    /// seek) pinned to that version: if the blob is replaced while a later chunk is still to come,
    /// that read fails (<see cref="RequestFailedException"/> 412) rather than mixing two versions,
    /// and a replacement before the stream is open is retried.
    /// </summary>
    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        for (var attempt = 1; ; attempt++)
        {
            var (firstChunk, version, totalLength) = await DownloadFirstChunkAsync(blob, path, cancellationToken);
            if (firstChunk.Length == totalLength)
            {
                return firstChunk;
            }
            var pinned = new BlobOpenReadOptions(allowModifications: false)
            {
                BufferSize = FirstChunkBytes,
                Conditions = new BlobRequestConditions { IfMatch = version },
            };
            try
            {
                var stream = await blob.OpenReadAsync(pinned, cancellationToken);
                if (await TryFetchFirstChunkAsync(stream, cancellationToken))
                {
                    return stream;
                }
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Replaced or deleted since the first chunk: start again from the current version.
            }
            if (attempt == MaxOpenAttempts)
            {
                throw new IOException($"{path} kept changing while it was being opened");
            }
        }
    }

    /// <summary>A block blob upload commits at its end, so readers see the old blob or the new one.</summary>
    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        await EnsureContainerAsync(blob.BlobContainerName, cancellationToken);
        await blob.UploadAsync(content, overwrite: true, cancellationToken);
    }

    /// <summary>
    /// Blob storage has no atomic rename or multi-blob swap: the new blob is committed first and
    /// the old one deleted next, so for the duration of that delete both are listed, never neither.
    /// </summary>
    public async Task WriteReplacingAsync(string path, string replaced, Stream content, CancellationToken cancellationToken)
    {
        if (replaced == path)
        {
            throw new ArgumentException($"{replaced} is the path being written", nameof(replaced));
        }
        await WriteAsync(path, content, cancellationToken);
        await DeleteAsync(replaced, cancellationToken);
    }

    public async Task<bool> TryCreateAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        await EnsureContainerAsync(blob.BlobContainerName, cancellationToken);
        var onlyIfAbsent = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            await blob.UploadAsync(content, onlyIfAbsent, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Sorted here because an account with a hierarchical namespace lists directory by
    /// directory, not in ordinal order; the listing is held in memory while it is sorted.
    /// </summary>
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (zone, blobPrefix) = SplitPrefix(prefix);
        var objects = await ListContainerAsync(zone, blobPrefix, cancellationToken);
        objects.Sort((left, right) => string.CompareOrdinal(left.Path, right.Path));
        foreach (var info in objects)
        {
            yield return info;
        }
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await Blob(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The container itself is missing: nothing to delete.
        }
    }

    /// <summary>
    /// The blob's first bytes, its ETag and its whole length. An empty blob has no range to ask
    /// for (the service answers 416), so it is read from its properties instead.
    /// </summary>
    private static async Task<(MemoryStream FirstChunk, ETag Version, long TotalLength)> DownloadFirstChunkAsync(
        BlobClient blob, string path, CancellationToken cancellationToken)
    {
        try
        {
            var range = new BlobDownloadOptions { Range = new HttpRange(0, FirstChunkBytes) };
            using var download = (await blob.DownloadStreamingAsync(range, cancellationToken)).Value;
            var firstChunk = new MemoryStream();
            await download.Content.CopyToAsync(firstChunk, cancellationToken);
            firstChunk.Position = 0;
            return (firstChunk, download.Details.ETag, TotalLength(download.Details.ContentRange, firstChunk.Length));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"No object at {path}", path, e);
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return (new MemoryStream(), properties.ETag, properties.ContentLength);
        }
    }

    /// <summary>The length after the slash of a Content-Range such as "bytes 0-4194303/9000000".</summary>
    private static long TotalLength(string? contentRange, long returned)
    {
        var slash = contentRange?.LastIndexOf('/') ?? -1;
        return slash >= 0 && long.TryParse(contentRange.AsSpan(slash + 1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var total)
            ? total
            : returned;
    }

    /// <summary>False (and the stream disposed) when the blob changed since the stream was opened.</summary>
    private static async Task<bool> TryFetchFirstChunkAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            if (await stream.ReadAsync(new byte[1], cancellationToken) > 0)
            {
                stream.Position = 0;
            }
            return true;
        }
        catch (RequestFailedException e)
        {
            await stream.DisposeAsync();
            if (e.Status != 412)
            {
                throw;
            }
            return false;
        }
    }

    private async Task<List<ObjectInfo>> ListContainerAsync(string zone, string blobPrefix, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectInfo>();
        if (zone.Length == 0)
        {
            return objects;
        }
        var options = new GetBlobsOptions { Prefix = blobPrefix.Length == 0 ? null : blobPrefix, Traits = BlobTraits.Metadata };
        try
        {
            await foreach (var item in service.GetBlobContainerClient(zone).GetBlobsAsync(options, cancellationToken))
            {
                if (!IsFolder(item.Metadata))
                {
                    var properties = item.Properties;
                    var lastModified = properties.LastModified ?? properties.CreatedOn ?? DateTimeOffset.MinValue;
                    objects.Add(new ObjectInfo($"{zone}/{item.Name}", properties.ContentLength ?? 0,
                        properties.CreatedOn ?? lastModified, lastModified));
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            objects.Clear();
        }
        return objects;
    }

    private async Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        if (_knownContainers.ContainsKey(container))
        {
            return;
        }
        await service.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        _knownContainers.TryAdd(container, true);
    }

    private BlobClient Blob(string path)
    {
        var parts = path.Split('/', 2);
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ArgumentException($"'{path}' is not a lake path: it needs a zone and a name, as in zone/name", nameof(path));
        }
        return service.GetBlobContainerClient(parts[0]).GetBlobClient(parts[1]);
    }

    /// <summary>A prefix without '/' names a whole zone, as it does for the local folder lake.</summary>
    private static (string Zone, string BlobPrefix) SplitPrefix(string prefix)
    {
        var parts = prefix.Split('/', 2);
        return (parts[0], parts.Length == 2 ? parts[1] : "");
    }

    private static bool IsFolder(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(FolderMarker, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
