using nietras.SeparatedValues;

namespace Pipeline.Core.Ingestion.Reporting;

/// <summary>
/// The rows of a refused file that had errors, with their row numbers, for the partner to
/// correct. Quarantine is outside the raw zone, so a leaver id is replaced by its pseudonym
/// (or removed when there is no key) and comments are left out.
/// </summary>
public static class QuarantineRows
{
    private const string Removed = "(removed)";

    /// <returns>False when there are no rows to write (the file was refused as a whole).</returns>
    public static bool TryWrite(UploadWorkspace workspace, LandingPath landing, PipelineOptions options, IssueSpool issues, string target)
    {
        if (issues.RowsWithErrors == 0 || !Lake.Datasets.IsUpload(landing.Dataset))
        {
            return false;
        }
        using var source = TabularSources.Open(workspace.OpenUpload(), landing.FileName, landing.Dataset, options);
        var columns = ColumnMap.Build(DatasetSchemas.For(landing.Dataset), source.Header, source.Sheet, new List<ValidationIssue>());
        var leaverIdColumn = columns.IndexOf("leaver_id");
        var commentsColumn = columns.IndexOf("comments");
        var pseudonymiser = Pseudonymiser.FromBase64(options.PseudonymisationKey, out _);
        var kept = Enumerable.Range(0, source.Header.Count).Where(i => i != commentsColumn).ToArray();

        using var text = new StreamWriter(target, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using var writer = Sep.New(',').Writer(o => o with { Escape = true, WriteHeader = false }).To(text);
        using (var header = writer.NewRow())
        {
            header[0].Set("row");
            for (var i = 0; i < kept.Length; i++)
            {
                header[i + 1].Set(SpreadsheetSafe.Text(source.Header[kept[i]]));
            }
        }
        foreach (var row in source.ReadRows(CancellationToken.None).Where(r => issues.RowHasErrors(r.Number)))
        {
            using var line = writer.NewRow();
            line[0].Set(row.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (var i = 0; i < kept.Length; i++)
            {
                var cell = row.Cells[kept[i]];
                if (kept[i] == leaverIdColumn)
                {
                    cell = pseudonymiser is null || cell.Trim().Length == 0 ? Removed : pseudonymiser.Pseudonymise(landing.Partner, cell.Trim());
                }
                line[i + 1].Set(SpreadsheetSafe.Text(cell));
            }
        }
        return true;
    }
}
