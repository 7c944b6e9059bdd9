using System.Text.RegularExpressions;

namespace Pipeline.Integration.Tests.Bi;

/// <summary>
/// infra/sql/synapse-views.sql cannot run here (no Synapse), so its text is checked against
/// docs/lake.md: the same views, each selecting the documented columns in order, with T-SQL types
/// matching the documented view types, over globs that name only visible part files.
/// </summary>
public sealed partial class SynapseViewsTests
{
    private static readonly Dictionary<string, string> TSqlType = new(StringComparer.Ordinal)
    {
        ["VARCHAR"] = "varchar",
        ["DOUBLE"] = "float",
        ["INTEGER"] = "int",
        ["DATE"] = "date",
        ["BOOLEAN"] = "bit",
        ["TIMESTAMP WITH TIME ZONE"] = "datetime2",
    };

    [Fact]
    public void SynapseViews_Script_DefinesEveryDocumentedViewWithItsColumnsAndTypes()
    {
        var views = View().Matches(LakeDocument.Sql("synapse-views.sql")).ToDictionary(m => m.Groups["name"].Value);

        Assert.Equal(LakeDocument.Datasets.Keys.Order(StringComparer.Ordinal), views.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, documented) in LakeDocument.Datasets)
        {
            var view = views[name];
            var selected = view.Groups["select"].Value.Split(',').Select(item => item.Trim().Split(' ')[^1]).ToList();
            Assert.Equal(documented.Select(c => c.Name), selected);

            var declared = view.Groups["with"].Value.Split(',').Select(d => d.Trim().Split(' ')).ToDictionary(d => d[0], d => d[1]);
            foreach (var column in documented)
            {
                // A partition folder is cast from filepath(n); a file column is declared in WITH.
                var type = column.IsFolder
                    ? FolderCast().Match(view.Groups["select"].Value.Split(',')[documented.ToList().IndexOf(column)]).Groups["type"].Value
                    : declared.GetValueOrDefault(column.Name, "undeclared");
                Assert.True(type.StartsWith(TSqlType[column.ViewType], StringComparison.Ordinal), $"{name}.{column.Name}: {type} for {column.ViewType}");
            }
            Assert.Matches(@"^(curated/[a-z_]+/period=\*/(partner|feed)=\*/part-\*\.parquet|indicators/period=\*/indicators\.parquet)$", view.Groups["path"].Value);
        }
    }

    [GeneratedRegex(@"CREATE OR ALTER VIEW dbo\.(?<name>[a-z_]+) AS\s+SELECT (?<select>.*?)\s+FROM OPENROWSET\(BULK '(?<path>[^']+)'.*?WITH\s*\((?<with>.*?)\)\s*AS r;", RegexOptions.Singleline)]
    private static partial Regex View();

    [GeneratedRegex(@"CAST\(r\.filepath\(\d\) AS (?<type>[a-z0-9()]+)\)")]
    private static partial Regex FolderCast();
}
