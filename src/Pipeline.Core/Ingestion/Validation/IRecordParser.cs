namespace Pipeline.Core.Ingestion.Validation;

/// <summary>Turns one row of an upload into a curated row of its dataset, or into issues.</summary>
public interface IRecordParser<TColumns> where TColumns : CuratedColumns
{
    DatasetSchema Schema { get; }

    /// <summary>An empty batch of the dataset's curated columns.</summary>
    TColumns NewBatch();

    /// <summary>
    /// Parses the row the reader has started; when the row has no errors and a batch is given,
    /// its curated row is added to the batch. The duplicate key identifies rows that may
    /// appear only once in a file.
    /// </summary>
    ParsedRow Parse(RowReader row, TColumns? batch);

    /// <summary>The column named in a duplicate-row issue, and how to say what is duplicated.</summary>
    (string Column, string What) DuplicateDescription { get; }
}

/// <param name="DuplicateKey">A 64-bit hash of the row's key, or null when the key could not be read.</param>
public readonly record struct ParsedRow(Period? Period, ulong? DuplicateKey);

/// <summary>Facts about the upload every parser stamps on its records.</summary>
public sealed record UploadContext(string Partner, string Dataset, string FileName, string Sha256, DateTimeOffset UploadedAt);
