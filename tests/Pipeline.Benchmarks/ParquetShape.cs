using Parquet;

namespace Pipeline.Benchmarks;

/// <summary>How a set of Parquet files is laid out: size, row groups and the encodings and codecs of their column chunks.</summary>
public sealed record ParquetShape(int Files, long Bytes, long Rows, int RowGroups, long LargestRowGroup, IReadOnlyList<string> Encodings, IReadOnlyList<string> Codecs)
{
    public double MeanRowGroup => RowGroups == 0 ? 0 : (double)Rows / RowGroups;

    public static async Task<ParquetShape> ReadAsync(IReadOnlyCollection<string> files, CancellationToken cancellationToken)
    {
        long bytes = 0, rows = 0, largest = 0;
        var groups = 0;
        var encodings = new SortedSet<string>(StringComparer.Ordinal);
        var codecs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            bytes += new FileInfo(file).Length;
            await using var stream = File.OpenRead(file);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            foreach (var group in reader.Metadata!.RowGroups)
            {
                groups++;
                rows += group.NumRows;
                largest = Math.Max(largest, group.NumRows);
                foreach (var column in group.Columns)
                {
                    codecs.Add(column.MetaData!.Codec.ToString());
                    encodings.UnionWith(column.MetaData.Encodings.Select(e => e.ToString()));
                }
            }
        }
        return new ParquetShape(files.Count, bytes, rows, groups, largest, [.. encodings], [.. codecs]);
    }

    public static string[] Under(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.parquet", SearchOption.AllDirectories) : [];
}
