using System.Runtime.CompilerServices;

namespace Pipeline.Reliability.Tests.Faults;

/// <summary>An <see cref="IObjectStore"/> whose armed call (<see cref="FaultPlan"/>) fails; every other call goes to the real store.</summary>
public sealed class FaultingObjectStore(IObjectStore inner, FaultPlan plan) : IObjectStore
{
    public async Task<ObjectInfo?> GetInfoAsync(string path, CancellationToken cancellationToken)
    {
        await FaultAsync(nameof(GetInfoAsync), path);
        return await inner.GetInfoAsync(path, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        await FaultAsync(nameof(OpenReadAsync), path);
        return await inner.OpenReadAsync(path, cancellationToken);
    }

    public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken) =>
        await inner.WriteAsync(path, await ContentAsync(nameof(WriteAsync), path, content), cancellationToken);

    public async Task WriteReplacingAsync(string path, string replaced, Stream content, CancellationToken cancellationToken) =>
        await inner.WriteReplacingAsync(path, replaced, await ContentAsync(nameof(WriteReplacingAsync), path, content), cancellationToken);

    public async Task<bool> TryCreateAsync(string path, Stream content, CancellationToken cancellationToken) =>
        await inner.TryCreateAsync(path, await ContentAsync(nameof(TryCreateAsync), path, content), cancellationToken);

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await FaultAsync(nameof(ListAsync), prefix);
        await foreach (var item in inner.ListAsync(prefix, cancellationToken))
        {
            yield return item;
        }
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        await FaultAsync(nameof(DeleteAsync), path);
        await inner.DeleteAsync(path, cancellationToken);
    }

    private async Task FaultAsync(string call, string path)
    {
        if (plan.Next(call, path) is { } kind)
        {
            await FaultPlan.ThrowAsync(kind, $"{call} {path}");
        }
    }

    /// <summary>The content to hand the real store: a stream that breaks half-way for a partial write.</summary>
    private async Task<Stream> ContentAsync(string call, string path, Stream content)
    {
        switch (plan.Next(call, path))
        {
            case FaultKind.PartialWrite:
                var length = content.CanSeek ? content.Length - content.Position : 2;
                return new BreakingStream(content, Math.Max(1, length / 2));
            case { } kind:
                await FaultPlan.ThrowAsync(kind, $"{call} {path}");
                break;
        }
        return content;
    }
}
