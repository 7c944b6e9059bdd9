namespace Pipeline.Functions.Tests;

/// <summary>
/// Fault injection: the lake's curated zone becomes unreachable after <paramref name="writesBeforeLoss"/>
/// curated writes (at once by default); every other zone works.
/// </summary>
public sealed class CuratedZoneUnreachable(IObjectStore inner, int writesBeforeLoss = 0) : IObjectStore
{
    private int _curatedWrites;

    public Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken) => inner.GetInfoAsync(path, cancellationToken);
    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken) => inner.OpenReadAsync(path, cancellationToken);
    public Task<bool> TryCreateAsync(string path, Stream content, CancellationToken cancellationToken) => inner.TryCreateAsync(path, content, cancellationToken);
    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
    public Task DeleteAsync(string path, CancellationToken cancellationToken) => inner.DeleteAsync(path, cancellationToken);

    public Task WriteAsync(string path, Stream content, CancellationToken cancellationToken) =>
        Lost(path) ? throw new IOException("The curated container is unreachable.") : inner.WriteAsync(path, content, cancellationToken);

    public Task WriteReplacingAsync(string path, string replaced, Stream content, CancellationToken cancellationToken) =>
        Lost(path) ? throw new IOException("The curated container is unreachable.") : inner.WriteReplacingAsync(path, replaced, content, cancellationToken);

    private bool Lost(string path) =>
        path.StartsWith(LakePaths.Curated + "/", StringComparison.Ordinal) && Interlocked.Increment(ref _curatedWrites) > writesBeforeLoss;
}
