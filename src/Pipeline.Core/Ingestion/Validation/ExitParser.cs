namespace Pipeline.Core.Ingestion.Validation;

/// <summary>
/// The <c>exits</c> data contract: one row per leaver. The leaver id is pseudonymised here,
/// before anything is staged; the comments column is never read.
/// </summary>
public sealed class ExitParser(UploadContext upload, Pseudonymiser pseudonymiser, Vocabulary vocabulary) : IRecordParser<ExitColumns>
{
    private static readonly string[] AgeBands = ["16-24", "25-34", "35-44", "45-54", "55-64", "65+"];

    private readonly KnownTexts _roles = new(vocabulary, VocabularyKinds.Role);
    private readonly KnownTexts _reasons = new(vocabulary, VocabularyKinds.Reason);
    private readonly KnownTexts _destinations = new(vocabulary, VocabularyKinds.Destination);
    private readonly TextCache<string?> _ageBands = new();
    private readonly DuplicateKeys _keys = new();
    private readonly DateTime _uploadedAt = upload.UploadedAt.UtcDateTime;

    public DatasetSchema Schema => DatasetSchemas.Exits;

    public (string Column, string What) DuplicateDescription => ("leaver_id", "leaver id");

    public ExitColumns NewBatch() => new();

    public ParsedRow Parse(RowReader row, ExitColumns? batch)
    {
        var leaverId = row.RequiredCell("leaver_id");
        Span<char> pseudonym = stackalloc char[Pseudonymiser.Length];
        if (!leaverId.IsEmpty)
        {
            pseudonymiser.Pseudonymise(upload.Partner, leaverId, pseudonym);
        }
        var leaveDate = row.Date("leave_date", required: true, notInFuture: true);
        CommonChecks.PartnerMatches(row, upload.Partner);
        var role = CommonChecks.Role(row, _roles);
        var startDate = row.Date("start_date", required: false, notInFuture: false);
        var statedService = row.NonNegativeWhole("length_of_service_months", required: false);
        var reason = Reason(row);
        var destination = Destination(row);
        var wouldRecommend = YesNo(row, "would_recommend");
        var wouldReturn = YesNo(row, "would_return");
        var ageBand = AgeBand(row);
        var service = statedService ?? ServiceFromDates(row, startDate, leaveDate);

        var period = leaveDate is { } date ? Lake.Period.Of(date) : (Lake.Period?)null;
        var duplicateKey = leaverId.IsEmpty ? (ulong?)null : _keys.Start().Append(pseudonym).Hash();
        if (row.HasErrors || batch is null)
        {
            return new ParsedRow(period, duplicateKey);
        }
        batch.LeaverId.AddCopy(pseudonym);
        batch.LeaveDate.Add(leaveDate!.Value);
        batch.Role.Add(role!.Code);
        batch.StaffGroup.Add(role.Group!);
        batch.StartDate.Add(startDate);
        batch.LengthOfServiceMonths.Add(service);
        batch.Reason.Add(reason);
        batch.Destination.Add(destination);
        batch.WouldRecommend.Add(wouldRecommend);
        batch.WouldReturn.Add(wouldReturn);
        batch.AgeBand.Add(ageBand);
        batch.SourceRow.Add(row.Row);
        batch.SourceSha256.Add(upload.Sha256);
        batch.UploadedAt.Add(_uploadedAt);
        return new ParsedRow(period, duplicateKey);
    }

    /// <summary>An ESR reason text or a code; unmapped text becomes <c>other</c> with a warning (SPEC).</summary>
    private string Reason(RowReader row)
    {
        var reason = CodeOr(row, "other", row.RequiredCell("reason"), _reasons, out var unknown);
        if (unknown is not null)
        {
            var suggestion = Vocabulary.Suggest(VocabularyKinds.Reason, unknown);
            row.Warning("reason", unknown, Rules.ConstraintError,
                $"The leaving reason '{unknown}' is not in the reason list, so it was counted as 'other'. {CommonChecks.CoordinatorCanMap}",
                suggestion is not null ? $"Did you mean {suggestion}?" : "Use an ESR reason for leaving such as 'Voluntary Resignation - Work Life Balance', or a reason code.");
        }
        return reason;
    }

    /// <summary>Blank is unknown; unrecognised text is unknown with a warning.</summary>
    private string Destination(RowReader row)
    {
        var destination = CodeOr(row, "unknown", row.Cell("destination"), _destinations, out var unknown);
        if (unknown is not null)
        {
            row.Warning("destination", unknown, Rules.ConstraintError,
                $"The destination '{unknown}' is not one we recognise, so it was counted as unknown. {CommonChecks.CoordinatorCanMap}",
                "Use within_partnership, other_health_care, left_sector, retired or unknown.");
        }
        return destination;
    }

    /// <summary>The code the cell's text resolves to; <paramref name="fallback"/> for a blank cell, and for an unknown text, which is then given back for the warning.</summary>
    private static string CodeOr(RowReader row, string fallback, ReadOnlySpan<char> cell, KnownTexts texts, out string? unknown)
    {
        unknown = null;
        return cell.IsEmpty ? fallback : texts.Resolve(row, cell, out unknown)?.Code ?? fallback;
    }

    /// <summary>Optional survey answers: an unreadable answer is dropped with a warning rather than refusing the file.</summary>
    private static bool? YesNo(RowReader row, string column)
    {
        var cell = row.Cell(column);
        if (cell.IsEmpty)
        {
            return null;
        }
        if (ValueParsers.TryParseYesNo(cell, out var value))
        {
            return value;
        }
        var text = cell.ToString();
        row.Warning(column, text, Rules.TypeError, $"'{text}' is not yes or no, so the answer was left blank.", "Write yes or no (or Y/N, 1/0).");
        return null;
    }

    private string? AgeBand(RowReader row)
    {
        var cell = row.Cell("age_band");
        if (cell.IsEmpty)
        {
            return null;
        }
        if (!_ageBands.TryGet(cell, out var band))
        {
            band = AgeBandOf(cell.ToString());
            _ageBands.Add(cell, band);
        }
        if (band is not null)
        {
            return band;
        }
        var text = cell.ToString();
        row.Warning("age_band", text, Rules.ConstraintError, $"'{text}' is not one of the age bands, so it was left blank.", $"Use one of {string.Join(", ", AgeBands)}.");
        return null;
    }

    /// <summary>The band a text names ("25 to 34", "65 and over"), or null when it names none.</summary>
    private static string? AgeBandOf(string text)
    {
        var compact = text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()
            .Replace("to", "-", StringComparison.Ordinal).Replace("andover", "+", StringComparison.Ordinal).Replace("plus", "+", StringComparison.Ordinal)
            .Replace('–', '-');
        return AgeBands.Contains(compact) ? compact : null;
    }

    /// <summary>Completed months from start to leaving (SPEC "Service length from start_date").</summary>
    private static int? ServiceFromDates(RowReader row, DateOnly? start, DateOnly? leave)
    {
        if (start is not { } from || leave is not { } to)
        {
            return null;
        }
        if (from > to)
        {
            row.Error("start_date", row.Text("start_date"), Rules.ConstraintError, "The start date is after the leaving date.", "Check both dates for this leaver.");
            return null;
        }
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        return to.Day < from.Day ? months - 1 : months;
    }
}
