using System.Text.RegularExpressions;

namespace Pipeline.Integration.Tests.Bi;

/// <summary>One column as docs/lake.md documents it.</summary>
public sealed record DocumentedColumn(string Name, string ParquetType, string ViewType)
{
    /// <summary>A partition folder: a column of the view, not of the Parquet file.</summary>
    public bool IsFolder => ParquetType == "folder";
}

/// <summary>
/// docs/lake.md read as data: each <c>### `dataset`</c> heading and the column table under it
/// (first three cells: column, Parquet type, view type), and the worked SQL example.
/// </summary>
public static partial class LakeDocument
{
    public static string Text { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Bi", "lake.md"));

    public static IReadOnlyDictionary<string, IReadOnlyList<DocumentedColumn>> Datasets { get; } = ParseDatasets(Text);

    /// <summary>The SQL between the worked-example markers, without its code fence.</summary>
    public static string WorkedExample
    {
        get
        {
            var match = WorkedExampleBlock().Match(Text);
            return match.Success ? match.Groups["sql"].Value : throw new InvalidOperationException("docs/lake.md has no worked example between its markers.");
        }
    }

    public static string Sql(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Bi", fileName));

    private static Dictionary<string, IReadOnlyList<DocumentedColumn>> ParseDatasets(string text)
    {
        var datasets = new Dictionary<string, IReadOnlyList<DocumentedColumn>>(StringComparer.Ordinal);
        List<DocumentedColumn>? current = null;
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (DatasetHeading().Match(line) is { Success: true } heading)
            {
                current = [];
                datasets.Add(heading.Groups["name"].Value, current);
            }
            else if (line.StartsWith('#'))
            {
                current = null;
            }
            else if (current is not null && ColumnRow().Match(line) is { Success: true } row)
            {
                current.Add(new DocumentedColumn(row.Groups["name"].Value, row.Groups["parquet"].Value.Trim(), row.Groups["view"].Value.Trim()));
            }
        }
        return datasets;
    }

    [GeneratedRegex(@"^### `(?<name>[a-z_]+)`\s*$")]
    private static partial Regex DatasetHeading();

    [GeneratedRegex(@"^\| `(?<name>[a-z_0-9]+)` \|(?<parquet>[^|]+)\|(?<view>[^|]+)\|")]
    private static partial Regex ColumnRow();

    [GeneratedRegex(@"<!-- worked-example:start -->\s*```sql\n(?<sql>.*?)```\s*<!-- worked-example:end -->", RegexOptions.Singleline)]
    private static partial Regex WorkedExampleBlock();
}
