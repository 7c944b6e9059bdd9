using System.Security.Cryptography;

namespace Pipeline.Core.Feeds;

/// <summary>A scratch file deleted on dispose: response bodies and Parquet files are staged here, not in memory.</summary>
internal sealed class TempFile : IAsyncDisposable
{
    private TempFile(string path)
    {
        Path = path;
        Stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
    }

    public string Path { get; }

    public FileStream Stream { get; }

    /// <summary>Lowercase hex SHA-256 of the content, set by <see cref="CopyAsync"/>.</summary>
    public string Sha256 { get; private set; } = "";

    public static TempFile Create() =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pipeline-feed-{Guid.NewGuid():N}.tmp"));

    /// <summary>Copies a stream into a new temp file, hashing it; more than <paramref name="maxBytes"/> is a <see cref="FeedFormatException"/>.</summary>
    public static async Task<TempFile> CopyAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var file = Create();
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new FeedFormatException($"the response is larger than the {maxBytes:N0} bytes allowed");
                }
                hash.AppendData(buffer, 0, read);
                await file.Stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            file.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            file.Stream.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
