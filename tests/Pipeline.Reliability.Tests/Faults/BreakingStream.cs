namespace Pipeline.Reliability.Tests.Faults;

/// <summary>
/// Reads the first half of its source, then throws: the store received part of the content when
/// the connection dropped. A store that honours its contract shows nothing of such a write.
/// </summary>
public sealed class BreakingStream(Stream source, long breakAfter) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_read >= breakAfter)
        {
            throw new InjectedFaultException($"Injected connection drop after {_read} bytes of the write.");
        }
        var read = source.Read(buffer[..(int)Math.Min(buffer.Length, breakAfter - _read)]);
        _read += read;
        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
