using System.Collections.Concurrent;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace Pipeline.Core.Curated;

/// <summary>Reading and writing the lake's Parquet files with one set of options.</summary>
public static class ParquetFiles
{
    /// <summary>
    /// Rows per row group: DuckDB and BI tools scan large groups fastest and Zstd and dictionaries
    /// compress them best; writers hold at most this many rows in memory.
    /// </summary>
    public const int RowGroupSize = 100_000;

    /// <summary>
    /// The Zstd level of the lake's files: zstd's default (Parquet.Net's Optimal), 6% smaller vacancy
    /// files than its fastest level for about 5% more of the ingest's CPU (docs/performance.md). A
    /// dataset's batch may choose another (<see cref="CuratedColumns.Compression"/>).
    /// </summary>
    public const CompressionLevel Compression = CompressionLevel.Optimal;

    private static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true };

    /// <summary>The write options of each record type, appending or not; shared, never changed once made.</summary>
    private static readonly ConcurrentDictionary<(Type Record, bool Append), ParquetOptions> WriteOptions = new();

    /// <summary>Writes rows as one row group; with <paramref name="append"/>, adds it to the file already in the stream.</summary>
    public static Task WriteRowGroupAsync<T>(IReadOnlyCollection<T> rows, Stream stream, bool append, CancellationToken cancellationToken)
        where T : class, new() =>
        ParquetSerializer.SerializeAsync(rows, stream, OptionsFor<T>(append), cancellationToken: cancellationToken);

    /// <summary>
    /// A writer of a new file with the lake's options and the batch's Zstd level
    /// (<see cref="CuratedColumns.Compression"/>), for row groups written column by column
    /// (<see cref="CuratedColumns.WriteRowGroupAsync"/>); the footer is written once, on disposal.
    /// </summary>
    public static Task<ParquetWriter> CreateWriterAsync(CuratedColumns shape, Stream stream, CancellationToken cancellationToken) =>
        ParquetWriter.CreateAsync(shape.Schema, stream, Options(shape.Schema, append: false, shape.Compression), cancellationToken: cancellationToken);

    /// <summary>The sizes of a file's row groups, from its footer. The stream must be seekable.</summary>
    public static async Task<IReadOnlyList<long>> RowGroupSizesAsync(Stream stream, CancellationToken cancellationToken)
    {
        stream.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(stream, ReadOptions, leaveStreamOpen: true, cancellationToken);
        return reader.Metadata!.RowGroups.Select(group => group.NumRows).ToList();
    }

    /// <summary>Every row of a file, read one row group at a time. The stream must be seekable.</summary>
    public static async IAsyncEnumerable<T> ReadAsync<T>(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, new()
    {
        var groups = (await RowGroupSizesAsync(stream, cancellationToken)).Count;
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

    private static ParquetOptions OptionsFor<T>(bool append) =>
        WriteOptions.GetOrAdd((typeof(T), append), key => Options(key.Record.GetParquetSchema(forWriting: true), key.Append, Compression));

    /// <summary>
    /// Zstd at the level given (<see cref="Compression"/> unless a batch says otherwise), dictionary
    /// encoding for every text column (a column whose values are mostly distinct stays plain:
    /// Parquet.Net's uniqueness threshold) and delta encoding for whole numbers (a source row
    /// number costs next to nothing; small counts a third less than plain).
    /// </summary>
    private static ParquetOptions Options(ParquetSchema schema, bool append, CompressionLevel compression)
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Zstd, CompressionLevel = compression, Append = append };
        foreach (var field in schema.GetDataFields())
        {
            if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
            {
                options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
            }
            else if (field.ClrType == typeof(int) || field.ClrType == typeof(long))
            {
                options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.DeltaBinaryPacked;
            }
        }
        return options;
    }
}
