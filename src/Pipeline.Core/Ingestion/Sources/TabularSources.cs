namespace Pipeline.Core.Ingestion.Sources;

/// <summary>Chooses the reader for an upload from its first bytes, then its file extension.</summary>
public static class TabularSources
{
    private static readonly string[] DelimitedExtensions = [".csv", ".txt", ".tsv", ""];

    /// <param name="file">A seekable copy of the upload; the source owns it from here.</param>
    /// <exception cref="UnreadableUploadException">Not a table we can read.</exception>
    public static ITabularSource Open(Stream file, string fileName, string dataset, PipelineOptions options)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (StartsWithZipSignature(file) || extension == ".xlsx")
        {
            return new XlsxSource(file, dataset, options.MaxXlsxUncompressedBytes);
        }
        if (extension == ".json")
        {
            return new JsonSource(file);
        }
        if (DelimitedExtensions.Contains(extension))
        {
            return new DelimitedSource(file);
        }
        throw new UnreadableUploadException(Rules.FormatError,
            $"Files of type '{extension}' cannot be read. Uploads must be .csv, .xlsx or .json.",
            extension == ".xls" ? "Open the file in Excel and save it as \"Excel Workbook (.xlsx)\"." : "Save the data as CSV UTF-8 or as an Excel .xlsx workbook.");
    }

    private static bool StartsWithZipSignature(Stream file)
    {
        Span<byte> signature = stackalloc byte[4];
        var read = file.ReadAtLeast(signature, 4, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 4 && signature.SequenceEqual("PK\u0003\u0004"u8);
    }
}
