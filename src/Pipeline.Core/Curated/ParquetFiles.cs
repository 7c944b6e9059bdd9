using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Serialization;

namespace Pipeline.Core.Curated;

/// <summary>Reading and writing the lake's Parquet files with one set of options.</summary>
public static class ParquetFiles
{
    /// <summary>Rows per row group: large enough for BI scans, small enough to bound memory.</summary>
    public const int RowGroupSize = 50_000;

    private static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true };

    /// <summary>Writes rows as one row group; with <paramref name="append"/>, adds it to the file already in the stream.</summary>
    public static Task WriteRowGroupAsync<T>(IReadOnlyCollection<T> rows, Stream stream, bool append, CancellationToken cancellationToken)
        where T : class, new() =>
        ParquetSerializer.SerializeAsync(rows, stream, new ParquetOptions { Append = append, CompressionMethod = CompressionMethod.Snappy }, cancellationToken: cancellationToken);

    /// <summary>Every row of a file, read one row group at a time. The stream must be seekable.</summary>
    public static async IAsyncEnumerable<T> ReadAsync<T>(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, new()
    {
        int groups;
        await using (var reader = await ParquetReader.CreateAsync(stream, ReadOptions, leaveStreamOpen: true, cancellationToken))
        {
            groups = reader.RowGroupCount;
        }
        for (var group = 0; group < groups; group++)
        {
            stream.Position = 0;
            var result = await ParquetSerializer.DeserializeAsync<T>(stream, ReadOptions, group, cancellationToken);
            foreach (var row in result.Data)
            {
                yield return row;
            }
        }
    }
}
