namespace Pipeline.Core.Tests.Ingestion.Validation;

public sealed class RowReaderTests
{
    private static readonly Period Latest = new(2026, 10);

    /// <summary>A reader over a vacancy return headed period, role, site, vacancies, starters; started on row 7.</summary>
    private static RowReader Start(params string[] cells)
    {
        var columns = ColumnMap.Build(DatasetSchemas.Vacancies, ["Month", "Job Role", "Site", "Vacancies FTE", "Starters"], "Return", []);
        var reader = new RowReader(columns, "Return", Latest);
        reader.Start(OneRow(7, cells), 0);
        return reader;
    }

    /// <summary>A batch holding one row of a file, numbered as the partner sees it.</summary>
    private static CellBatch OneRow(int number, params string[] cells)
    {
        var batch = new CellBatch(cells.Length);
        foreach (var cell in cells)
        {
            batch.AddCell(cell);
        }
        batch.EndRow(number);
        return batch;
    }

    [Fact]
    public void Text_CellWithSpaces_IsTrimmedAndABlankOrAbsentCellIsNull()
    {
        var reader = Start("2026-10", "  care_worker ", "   ", "1", "0");

        Assert.Equal("care_worker", reader.Text("role"));
        Assert.Null(reader.Text("site"));
        Assert.Null(reader.Text("agency_fte"));
        Assert.Empty(reader.Issues);
    }

    [Fact]
    public void RequiredText_BlankCell_IsAnErrorLocatedByRowSheetAndTheColumnAsHeaded()
    {
        var reader = Start("2026-10", "", "Main", "1", "0");

        Assert.Null(reader.RequiredText("role"));

        var issue = Assert.Single(reader.Issues);
        Assert.Equal((Severity.Error, 7, "Return", "Job Role", Rules.MissingCell), (issue.Severity, issue.Row, issue.Sheet, issue.Column, issue.Rule));
        Assert.True(reader.HasErrors);
    }

    [Theory]
    [InlineData("12.5", 12.5, null)]
    [InlineData("0", 0.0, null)]
    [InlineData("-1", null, Rules.ConstraintError)]
    [InlineData("ten", null, Rules.TypeError)]
    public void NonNegativeDecimal_Cell_IsTheNumberOrAnErrorQuotingTheValue(string cell, double? expected, string? rule)
    {
        var reader = Start("2026-10", "care_worker", "Main", cell, "0");

        Assert.Equal(expected, (double?)reader.NonNegativeDecimal("vacancies_fte", required: true));
        Assert.Equal((rule, rule is null ? null : cell), (reader.Issues.SingleOrDefault()?.Rule, reader.Issues.SingleOrDefault()?.Value));
    }

    [Theory]
    [InlineData("3", 3, null)]
    [InlineData("2.5", null, Rules.TypeError)]
    [InlineData("-2", null, Rules.ConstraintError)]
    public void NonNegativeWhole_Cell_IsTheCountOrAnError(string cell, int? expected, string? rule)
    {
        var reader = Start("2026-10", "care_worker", "Main", "1", cell);

        Assert.Equal(expected, reader.NonNegativeWhole("starters", required: true));
        Assert.Equal(rule, reader.Issues.SingleOrDefault()?.Rule);
    }

    [Theory]
    [InlineData("2026-10", "2026-10", null)]
    [InlineData("Oct-26", "2026-10", null)]
    [InlineData("2026-11", null, Rules.ConstraintError)]
    [InlineData("2014-12", null, Rules.ConstraintError)]
    [InlineData("soon", null, Rules.TypeError)]
    public void Period_Cell_IsAMonthFrom2015ToTheLatestAllowed(string cell, string? expected, string? rule)
    {
        var reader = Start(cell, "care_worker", "Main", "1", "0");

        Assert.Equal(expected, reader.Period("period")?.ToString());
        Assert.Equal(rule, reader.Issues.SingleOrDefault()?.Rule);
    }

    [Fact]
    public void Warning_AloneOnTheRow_LeavesTheRowWithoutErrors()
    {
        var reader = Start("2026-10", "care_worker", "Main", "1", "0");

        reader.Warning("site", "Main", Rules.ConstraintError, "A warning.");

        Assert.Equal(Severity.Warning, Assert.Single(reader.Issues).Severity);
        Assert.False(reader.HasErrors);
    }

    [Fact]
    public void Start_NextRow_ForgetsTheIssuesOfTheLast()
    {
        var reader = Start("2026-10", "", "Main", "1", "0");
        reader.RequiredText("role");

        reader.Start(OneRow(8, "2026-10", "care_worker", "Main", "1", "0"), 0);

        Assert.Equal((8, false), (reader.Row, reader.HasErrors));
        Assert.Empty(reader.Issues);
    }

    [Fact]
    public void Error_SensitiveColumn_KeepsTheValueOutOfTheIssue()
    {
        var columns = ColumnMap.Build(DatasetSchemas.Exits, ["Employee Number", "leave_date", "role", "reason"], null, []);
        var reader = new RowReader(columns, null, Latest);
        reader.Start(OneRow(2, "E1234", "2026-10-01", "care_worker", "pay"), 0);

        reader.Error("leaver_id", "E1234", Rules.DuplicateRow, "Seen before.");

        var issue = Assert.Single(reader.Issues);
        Assert.Equal(("Employee Number", null), (issue.Column, issue.Value));
    }

    [Fact]
    public void IssueForRow_AnotherRow_IsAnErrorOnThatRowUnderTheFilesHeading()
    {
        var reader = Start("2026-10", "care_worker", "Main", "1", "0");

        var issue = reader.IssueForRow(3, "role", Rules.DuplicateRow, "First seen here.", null);

        Assert.Equal((Severity.Error, 3, "Return", "Job Role"), (issue.Severity, issue.Row, issue.Sheet, issue.Column));
        Assert.Empty(reader.Issues);
    }
}
