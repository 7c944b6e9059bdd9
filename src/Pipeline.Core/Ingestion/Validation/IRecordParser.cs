using Pipeline.Core.Ingestion.Schema;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Ingestion.Validation;

/// <summary>Turns one row of an upload into a curated record of its dataset, or into issues.</summary>
public interface IRecordParser<TRecord>
{
    DatasetSchema Schema { get; }

    /// <summary>
    /// Parses the row the reader has started; the record is null when the row has errors.
    /// The duplicate key identifies rows that may appear only once in a file.
    /// </summary>
    ParsedRow<TRecord> Parse(RowReader row);

    /// <summary>The column named in a duplicate-row issue, and how to say what is duplicated.</summary>
    (string Column, string What) DuplicateDescription { get; }
}

public readonly record struct ParsedRow<TRecord>(TRecord? Record, Period? Period, string? DuplicateKey);

/// <summary>Facts about the upload every parser stamps on its records.</summary>
public sealed record UploadContext(string Partner, string Dataset, string FileName, string Sha256, DateTimeOffset UploadedAt);
