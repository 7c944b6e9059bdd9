using System.Security.Cryptography;

namespace Pipeline.Core.Uploads;

/// <summary>
/// A request body read through on its way to the lake: counts and hashes the bytes as the store
/// reads them and fails the read that goes past the limit, so an oversized upload is stopped
/// while it streams and never held in memory.
/// </summary>
public sealed class LimitedUploadStream(Stream body, long maxBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    /// <summary>Whether a read went past the limit; the write that read it then failed.</summary>
    public bool ExceededLimit { get; private set; }

    /// <summary>The SHA-256 of everything read, once the body has been read to its end.</summary>
    public string Sha256() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count) => Counted(buffer.AsSpan(offset, count), body.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(buffer, body.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await body.ReadAsync(buffer, cancellationToken);
        return Counted(buffer.Span, read);
    }

    private int Counted(ReadOnlySpan<byte> buffer, int read)
    {
        BytesRead += read;
        if (BytesRead > maxBytes)
        {
            ExceededLimit = true;
            throw new UploadTooLargeException(maxBytes);
        }
        _hash.AppendData(buffer[..read]);
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>The upload went past <c>Pipeline:MaxFileBytes</c> while it was being received.</summary>
public sealed class UploadTooLargeException(long maxBytes) : IOException($"The upload is over the limit of {maxBytes} bytes.");
