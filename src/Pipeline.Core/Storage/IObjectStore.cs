namespace Pipeline.Core.Storage;

/// <summary>
/// The lake's file store: blob containers in Azure, folders locally. A path is
/// <c>{zone}/{rest}</c>, where the zone (landing, raw, curated, ...) is the container.
/// </summary>
public interface IObjectStore
{
    /// <summary>Properties of one object, or null when there is none at that path.</summary>
    Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken);

    /// <exception cref="FileNotFoundException">No object at that path.</exception>
    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the whole stream, replacing any object at that path. Readers see the old
    /// object or the new one, never a part of it.
    /// </summary>
    Task WriteAsync(string path, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the whole stream to <paramref name="path"/> and removes <paramref name="replaced"/>
    /// (a different path), so that readers see the old object or the new one: locally exactly one
    /// of the two is visible at every moment; in Blob storage both are, for the time one delete
    /// request takes (docs/ingestion.md). When <paramref name="replaced"/> is absent this is
    /// <see cref="WriteAsync"/>.
    /// </summary>
    Task WriteReplacingAsync(string path, string replaced, Stream content, CancellationToken cancellationToken);

    /// <summary>Writes only when no object is at that path yet; returns false otherwise.</summary>
    Task<bool> TryCreateAsync(string path, Stream content, CancellationToken cancellationToken);

    /// <summary>Every object whose path starts with the prefix, in ordinal path order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes the object; nothing happens when it is already gone.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken);
}

/// <param name="Path">Full path, zone first.</param>
/// <param name="CreatedAt">When the object was first written: a blob's creation time, a file's last write.</param>
public sealed record ObjectInfo(string Path, long Size, DateTimeOffset CreatedAt, DateTimeOffset LastModified);
