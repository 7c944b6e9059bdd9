namespace Pipeline.Core.Ingestion.Validation;

/// <summary>What validating an upload's rows found.</summary>
public sealed record ValidationResult(int RowsIn, IReadOnlySet<Period> Periods);

/// <summary>
/// Streams an upload's rows, a batch at a time, through its dataset's parser: every issue goes
/// to the spool and every row with an error to the error rows; good rows are staged per period as
/// columns until the first error (after which the file is refused anyway, so staging stops but
/// validation goes on to report every problem). Duplicate keys are only known once every row has
/// been read (<see cref="DuplicateFinder"/>), so their issues come last.
/// </summary>
public sealed class UploadValidator<TColumns>(IRecordParser<TColumns> parser, PipelineOptions options, Period latestAllowedPeriod)
    where TColumns : CuratedColumns
{
    /// <param name="duplicates">Collects the rows' duplicate keys; duplicates are reported once every row has been read.</param>
    public async Task<ValidationResult> ValidateAsync(ITabularSource source, IssueSpool issues, ErrorRowSpool errorRows, PeriodStager stager, DuplicateFinder duplicates, CancellationToken cancellationToken)
    {
        var headerIssues = new List<ValidationIssue>();
        var columns = ColumnMap.Build(parser.Schema, source.Header, source.Sheet, headerIssues);
        issues.AddRange(headerIssues);
        if (issues.Errors > 0)
        {
            // Without its required columns no row can be read; one error per missing column says it all.
            return new ValidationResult(RowCounter.Count(source, options.MaxRows, issues, cancellationToken), new HashSet<Period>());
        }
        errorRows.Begin(source.Header, columns);

        var reader = new RowReader(columns, source.Sheet, latestAllowedPeriod);
        var periods = new HashSet<Period>();
        TColumns? curated = parser.NewBatch();
        var curatedPeriods = new List<Period>(CellBatch.Capacity);
        var rowsIn = 0;
        var overLimit = false;
        foreach (var batch in source.ReadBatches(cancellationToken))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                if (++rowsIn > options.MaxRows)
                {
                    issues.Add(RowCounter.RowLimitIssue(options.MaxRows, source.Sheet));
                    overLimit = true;
                    break;
                }
                reader.Start(batch, i);
                var curatedBefore = curated?.Count;
                var parsed = parser.Parse(reader, curated);
                if (curated is not null && curated.Count > curatedBefore)
                {
                    curatedPeriods.Add(parsed.Period!.Value);
                }
                issues.AddRange(reader.Issues);
                if (parsed.DuplicateKey is { } key)
                {
                    duplicates.Add(key, reader.Row);
                }
                if (issues.RowHasErrors(reader.Row))
                {
                    errorRows.Add(batch, i);
                }
                if (parsed.Period is { } period)
                {
                    periods.Add(period);
                }
                if (issues.Errors > 0)
                {
                    curated = null;
                }
            }
            if (overLimit)
            {
                break;
            }
            if (curated is not null)
            {
                await stager.AddAsync(curated, curatedPeriods, cancellationToken);
                curated.Clear();
                curatedPeriods.Clear();
            }
        }
        ReportDuplicates(duplicates, reader, issues, errorRows);
        if (rowsIn == 0)
        {
            issues.Add(new ValidationIssue(Severity.Error, 0, source.Sheet, null, null, Rules.FormatError,
                "The file has a header row but no data rows.", "Add the month's rows under the header, or check that you uploaded the right file."));
        }
        return new ValidationResult(rowsIn, periods);
    }

    /// <summary>
    /// Both rows of a duplicate are errors (SPEC), after the rows' own issues: each copy names the
    /// first, and the first is reported once, however many copies follow. A row that had no error
    /// before is noted for the rows with errors, whose cells a second read of the upload adds.
    /// </summary>
    private void ReportDuplicates(DuplicateFinder duplicates, RowReader reader, IssueSpool issues, ErrorRowSpool errorRows)
    {
        var (column, what) = parser.DuplicateDescription;
        const string fix = "Keep one row for each and delete or correct the others.";
        var reportedFirstRows = new HashSet<int>();
        foreach (var (row, firstRow) in duplicates.Find())
        {
            Report(row, $"This row has the same {what} as row {firstRow}.");
            if (reportedFirstRows.Add(firstRow))
            {
                Report(firstRow, $"Row {row} has the same {what} as this row.");
            }
        }

        void Report(int row, string message)
        {
            if (!issues.RowHasErrors(row))
            {
                errorRows.AddLater(row);
            }
            issues.Add(reader.IssueForRow(row, column, Rules.DuplicateRow, message, fix));
        }
    }
}

/// <summary>Counts a refused file's rows without validating them, so the log's rows in = accepted + refused still holds.</summary>
public static class RowCounter
{
    public static int Count(ITabularSource source, int maxRows, IssueSpool issues, CancellationToken cancellationToken)
    {
        var rows = 0;
        foreach (var _ in source.ReadRows(cancellationToken))
        {
            if (++rows > maxRows)
            {
                issues.Add(RowLimitIssue(maxRows, source.Sheet));
                break;
            }
        }
        return rows;
    }

    public static ValidationIssue RowLimitIssue(int maxRows, string? sheet) => new(Severity.Error, 0, sheet, null, null, Rules.SizeLimit,
        $"The file has more than {maxRows:N0} rows, the most one upload may hold. Nothing was read beyond that.",
        "Split the data into several files, for example one per month.");
}
