namespace Pipeline.Core.Tests.Ingestion.Schema;

public sealed class ColumnMapTests
{
    /// <summary>Every required vacancy column, headed as partners head them.</summary>
    private static readonly string[] Header = ["Period", "Job Role", "staff_in_post_fte", "Headcount", "Vacancies FTE", "New Starters", "leavers"];

    private static (ColumnMap Map, List<ValidationIssue> Issues) Build(params string[] header)
    {
        var issues = new List<ValidationIssue>();
        return (ColumnMap.Build(DatasetSchemas.Vacancies, header, "Return", issues), issues);
    }

    [Fact]
    public void Build_NamesAliasesAndSpellings_MapEachColumnToItsPlaceInTheFile()
    {
        var (map, issues) = Build(Header);

        Assert.Empty(issues);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], new[] { "period", "role", "staff_in_post_fte", "staff_in_post_headcount", "vacancies_fte", "starters", "leavers" }.Select(map.IndexOf));
        Assert.Null(map.IndexOf("site"));
    }

    [Fact]
    public void HeaderOf_MappedColumn_IsTheHeadingAsWrittenAndAnAbsentColumnItsContractName()
    {
        var (map, _) = Build(Header);

        Assert.Equal(("Job Role", "New Starters", "site"), (map.HeaderOf("role"), map.HeaderOf("starters"), map.HeaderOf("site")));
    }

    [Fact]
    public void Build_RequiredColumnMissing_IsAnErrorOnTheHeaderRowSuggestingItsFirstAlias()
    {
        var (map, issues) = Build(Header[..^1]);

        var issue = Assert.Single(issues);
        Assert.Equal((Severity.Error, 1, "Return", "leavers", Rules.MissingLabel), (issue.Severity, issue.Row, issue.Sheet, issue.Column, issue.Rule));
        Assert.Equal("Add a column headed 'leavers' (or 'leavers headcount').", issue.Fix);
        Assert.Null(map.IndexOf("leavers"));
    }

    [Fact]
    public void Build_TwoHeadingsForOneColumn_IsAnErrorNamingBothAndTheFirstIsKept()
    {
        var (map, issues) = Build([.. Header, "Joiners"]);

        var issue = Assert.Single(issues);
        Assert.Equal((Severity.Error, "Joiners", Rules.DuplicateLabel), (issue.Severity, issue.Column, issue.Rule));
        Assert.Contains("'New Starters' and 'Joiners'", issue.Message);
        Assert.Equal(5, map.IndexOf("starters"));
    }

    [Fact]
    public void Build_BlankAndUnknownHeadings_AreWarningsAndTheColumnsIgnored()
    {
        var (map, issues) = Build([.. Header, " ", "Manager"]);

        Assert.Equal([(Severity.Warning, "column 8", Rules.BlankLabel), (Severity.Warning, "Manager", Rules.ExtraLabel)],
            issues.Select(i => (i.Severity, i.Column, i.Rule)));
        Assert.DoesNotContain(DatasetSchemas.Vacancies.Columns, column => map.IndexOf(column.Name) is 7 or 8);
    }

    [Theory]
    [InlineData("leaver_id", true)]
    [InlineData("comments", true)]
    [InlineData("role", false)]
    [InlineData("reason", false)]
    public void IsSensitive_PersonIdentifyingColumns_OnlyTheLeaverIdAndComments(string column, bool sensitive)
    {
        var map = ColumnMap.Build(DatasetSchemas.Exits, ["leaver_id", "leave_date", "role", "reason", "comments"], null, []);

        Assert.Equal(sensitive, map.IsSensitive(column));
    }
}
