using System.Security.Cryptography;

namespace Pipeline.Core.Ingestion;

/// <summary>
/// A private temporary folder for one upload: the received copy of the file (hashed while it
/// is copied), the issue spool and the staged Parquet files. Deleted when the upload is done.
/// </summary>
public sealed class UploadWorkspace : IDisposable
{
    private UploadWorkspace(string folder, string uploadCopy, string sha256, long size)
    {
        Folder = folder;
        UploadCopy = uploadCopy;
        Sha256 = sha256;
        Size = size;
    }

    public string Folder { get; }

    /// <summary>The upload's bytes, in a local seekable file.</summary>
    public string UploadCopy { get; }

    public string Sha256 { get; }

    public long Size { get; }

    public string PathFor(string name) => Path.Combine(Folder, name);

    /// <summary>Copies the upload to local disk, hashing it on the way: one pass, constant memory.</summary>
    public static async Task<UploadWorkspace> ReceiveAsync(Stream content, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pipeline-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "upload");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var file = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
            }
        }
        return new UploadWorkspace(folder, copy, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    public FileStream OpenUpload() => new(UploadCopy, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the OS cleans its temp space.
        }
    }
}
