using System.Collections.Concurrent;

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
/// <remarks>
/// Batches are parsed side by side, each by a parser of its own (<paramref name="newParser"/>), a
/// few batches ahead of the one being taken in. Everything that depends on the order of rows
/// (issues, duplicates, rows with errors, unmapped texts, staging) is done as each batch is taken
/// in, in file order, so the report and the curated rows are the same as one row at a time.
/// </remarks>
/// <param name="batchesAhead">How many batches may be parsed at once; by default one more than the machine has cores.</param>
public sealed class UploadValidator<TColumns>(Func<IRecordParser<TColumns>> newParser, Vocabulary vocabulary, PipelineOptions options, Period latestAllowedPeriod, int? batchesAhead = null)
    where TColumns : CuratedColumns
{
    private readonly int _batchesAhead = batchesAhead ?? Environment.ProcessorCount + 1;

    private readonly IRecordParser<TColumns> _parser = newParser();

    /// <summary>An empty batch of the dataset's curated columns.</summary>
    public TColumns NewBatch() => _parser.NewBatch();

    /// <param name="duplicates">Collects the rows' duplicate keys; duplicates are reported once every row has been read.</param>
    public async Task<ValidationResult> ValidateAsync(ITabularSource source, IssueSpool issues, ErrorRowSpool errorRows, PeriodStager stager, DuplicateFinder duplicates, CancellationToken cancellationToken)
    {
        var headerIssues = new List<ValidationIssue>();
        var columns = ColumnMap.Build(_parser.Schema, source.Header, source.Sheet, headerIssues);
        issues.AddRange(headerIssues);
        if (issues.Errors > 0)
        {
            // Without its required columns no row can be read; one error per missing column says it all.
            return new ValidationResult(RowCounter.Count(source, options.MaxRows, issues, cancellationToken), new HashSet<Period>());
        }
        errorRows.Begin(source.Header, columns);

        var intake = new Intake(issues, errorRows, stager, duplicates, vocabulary, options.MaxRows, source.Sheet);
        var parsers = new ConcurrentBag<BatchParser>([new BatchParser(_parser, new RowReader(columns, source.Sheet, latestAllowedPeriod))]);
        var spare = new Stack<ParsedBatch>();
        var ahead = new Queue<Task<ParsedBatch>>();
        try
        {
            foreach (var cells in source.ReadBatches(cancellationToken))
            {
                var batch = spare.TryPop(out var reused) ? reused : new ParsedBatch(cells.Width, _parser.NewBatch());
                batch.Cells.CopyFrom(cells);
                // Rows after the first error are not staged, so they need not be collected either.
                var collect = issues.Errors == 0;
                ahead.Enqueue(Task.Run(() => Parse(batch, collect), cancellationToken));
                if (ahead.Count >= _batchesAhead && !await TakeInAsync(ahead.Dequeue()))
                {
                    break;
                }
            }
            while (ahead.Count > 0 && await TakeInAsync(ahead.Dequeue()))
            {
            }
        }
        finally
        {
            // Whatever stopped the reading, no parse may outlive this call.
            await ((Task)Task.WhenAll(ahead)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        var reader = new RowReader(columns, source.Sheet, latestAllowedPeriod);
        ReportDuplicates(duplicates, reader, issues, errorRows);
        if (intake.RowsIn == 0)
        {
            issues.Add(new ValidationIssue(Severity.Error, 0, source.Sheet, null, null, Rules.FormatError,
                "The file has a header row but no data rows.", "Add the month's rows under the header, or check that you uploaded the right file."));
        }
        return new ValidationResult(intake.RowsIn, intake.Periods);

        ParsedBatch Parse(ParsedBatch batch, bool collect)
        {
            var parser = parsers.TryTake(out var idle) ? idle : new BatchParser(newParser(), new RowReader(columns, source.Sheet, latestAllowedPeriod));
            parser.Parse(batch, collect);
            parsers.Add(parser);
            return batch;
        }

        async Task<bool> TakeInAsync(Task<ParsedBatch> parsing)
        {
            var batch = await parsing;
            var more = await intake.TakeInAsync(batch, cancellationToken);
            spare.Push(batch);
            return more;
        }
    }

    /// <summary>
    /// Both rows of a duplicate are errors (SPEC), after the rows' own issues: each copy names the
    /// first, and the first is reported once, however many copies follow. A row that had no error
    /// before is noted for the rows with errors, whose cells a second read of the upload adds.
    /// </summary>
    private void ReportDuplicates(DuplicateFinder duplicates, RowReader reader, IssueSpool issues, ErrorRowSpool errorRows)
    {
        var (column, what) = _parser.DuplicateDescription;
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

    /// <summary>One batch of cells and what its parser found in each row, until the batch is taken in.</summary>
    private sealed class ParsedBatch(int width, TColumns curated)
    {
        public CellBatch Cells { get; } = new(width);

        /// <summary>The rows without errors, when they were collected.</summary>
        public TColumns Curated { get; } = curated;

        public List<Period> CuratedPeriods { get; } = new(CellBatch.Capacity);

        public bool Collected { get; set; }

        public ParsedRow[] Rows { get; } = new ParsedRow[CellBatch.Capacity];

        /// <summary>Every row's issues, one row after another; row i's end at <see cref="IssuesEnd"/>[i].</summary>
        public List<ValidationIssue> Issues { get; } = [];

        public int[] IssuesEnd { get; } = new int[CellBatch.Capacity];

        public List<(int Row, string Kind, string Text)> Unmapped { get; } = [];

        public void Clear()
        {
            Curated.Clear();
            CuratedPeriods.Clear();
            Issues.Clear();
            Unmapped.Clear();
        }
    }

    /// <summary>A parser with a row reader of its own: one batch at a time, on whichever thread.</summary>
    private sealed class BatchParser(IRecordParser<TColumns> parser, RowReader reader)
    {
        public void Parse(ParsedBatch batch, bool collect)
        {
            batch.Clear();
            batch.Collected = collect;
            var curated = collect ? batch.Curated : null;
            var cells = batch.Cells;
            for (var i = 0; i < cells.Count; i++)
            {
                reader.Start(cells, i);
                var curatedBefore = curated?.Count;
                var parsed = parser.Parse(reader, curated);
                if (curated is not null && curated.Count > curatedBefore)
                {
                    batch.CuratedPeriods.Add(parsed.Period!.Value);
                }
                batch.Rows[i] = parsed;
                batch.Issues.AddRange(reader.Issues);
                batch.IssuesEnd[i] = batch.Issues.Count;
                foreach (var (kind, text) in reader.UnmappedTexts)
                {
                    batch.Unmapped.Add((i, kind, text));
                }
            }
        }
    }

    /// <summary>Takes parsed batches in, in file order: what one row at a time did after parsing each row.</summary>
    private sealed class Intake(IssueSpool issues, ErrorRowSpool errorRows, PeriodStager stager, DuplicateFinder duplicates, Vocabulary vocabulary, int maxRows, string? sheet)
    {
        public int RowsIn { get; private set; }

        public HashSet<Period> Periods { get; } = [];

        /// <returns>False when the row limit was passed, so nothing more is to be read.</returns>
        public async Task<bool> TakeInAsync(ParsedBatch batch, CancellationToken cancellationToken)
        {
            var cells = batch.Cells;
            var unmapped = 0;
            var issueStart = 0;
            for (var i = 0; i < cells.Count; i++)
            {
                if (++RowsIn > maxRows)
                {
                    issues.Add(RowCounter.RowLimitIssue(maxRows, sheet));
                    return false;
                }
                for (var k = issueStart; k < batch.IssuesEnd[i]; k++)
                {
                    issues.Add(batch.Issues[k]);
                }
                issueStart = batch.IssuesEnd[i];
                for (; unmapped < batch.Unmapped.Count && batch.Unmapped[unmapped].Row == i; unmapped++)
                {
                    vocabulary.CountUnmapped(batch.Unmapped[unmapped].Kind, batch.Unmapped[unmapped].Text);
                }
                var row = cells.Number(i);
                var parsed = batch.Rows[i];
                if (parsed.DuplicateKey is { } key)
                {
                    duplicates.Add(key, row);
                }
                if (issues.RowHasErrors(row))
                {
                    errorRows.Add(cells, i);
                }
                if (parsed.Period is { } period)
                {
                    Periods.Add(period);
                }
            }
            if (batch.Collected && issues.Errors == 0)
            {
                await stager.AddAsync(batch.Curated, batch.CuratedPeriods, cancellationToken);
            }
            return true;
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
