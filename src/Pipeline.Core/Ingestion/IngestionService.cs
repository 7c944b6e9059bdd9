using Microsoft.Extensions.Logging;

namespace Pipeline.Core.Ingestion;

/// <summary>
/// What happens to one upload (SPEC "Submission rules"), the same for the blob trigger and
/// the runner: archive the bytes, recognise a duplicate, check who sent it, validate every
/// row, then either publish the curated periods or refuse with a report and quarantine.
/// A refused file changes nothing in curated data; every upload gets a report and a log row.
/// </summary>
public sealed class IngestionService(
    IObjectStore objects,
    IngestionLog log,
    PartnerRegistry partners,
    CuratedPublisher publisher,
    MappingStore mappings,
    UnmappedLog unmapped,
    IIngestionEvents events,
    PipelineOptions options,
    TimeProvider clock,
    ILogger<IngestionService> logger)
{
    /// <summary>System failures tolerated per upload before it is quarantined instead of retried again.</summary>
    public const int MaxAttempts = 3;

    /// <param name="landingPath">Where the upload arrived: landing/{partner}/{dataset}/{file}.</param>
    /// <param name="uploadedAt">The blob's creation time, or the local file's last-modified time.</param>
    public async Task<IngestionRecord> IngestAsync(string landingPath, DateTimeOffset uploadedAt, Stream content, CancellationToken cancellationToken)
    {
        var landing = LandingPath.Parse(landingPath);
        var startedAt = clock.GetUtcNow();
        using var workspace = await UploadWorkspace.ReceiveAsync(content, cancellationToken);
        var upload = new UploadContext(landing.Partner, landing.Dataset, landing.FileName, workspace.Sha256, uploadedAt);
        var rawPath = LakePaths.RawUpload(landing.Dataset, landing.Partner, uploadedAt, workspace.Sha256, landing.Extension);
        await using var bytesLock = await publisher.LockBytesAsync(landing.Dataset, landing.Partner, workspace.Sha256, cancellationToken);
        using var whileHeld = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bytesLock.Lost);
        cancellationToken = whileHeld.Token;
        var previous = await log.FindAsync(landing.Partner, landing.Dataset, workspace.Sha256, cancellationToken);
        try
        {
            await using (var copy = workspace.OpenUpload())
            {
                await objects.TryCreateAsync(rawPath, copy, cancellationToken);
            }
            if (previous is not null && previous.Status != IngestionStatus.Failed)
            {
                return await RecordDuplicateAsync(landing, upload, workspace, previous, startedAt, cancellationToken);
            }
            return await ProcessAndFinishAsync(landing, upload, workspace, startedAt, rawPath, previous, reprocessedAt: null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return await RecordFailureAsync(landing, upload, workspace, startedAt, rawPath, previous, e, cancellationToken);
        }
    }

    /// <summary>
    /// Processes a refused upload again from its raw copy with today's reference data and
    /// mappings (SPEC "pipeline reprocess"). It keeps its upload time, so newest-wins decides as
    /// it would have; its report, log row and unmapped texts are replaced, the log noting when.
    /// </summary>
    public async Task<IngestionRecord> ReprocessAsync(IngestionRecord refused, CancellationToken cancellationToken)
    {
        var landing = LandingPath.Parse(refused.LandingPath);
        var rawPath = refused.RawPath ?? throw new InvalidOperationException($"The log has no raw copy of {refused.LandingPath}.");
        var startedAt = clock.GetUtcNow();
        UploadWorkspace workspace;
        await using (var raw = await objects.OpenReadAsync(rawPath, cancellationToken))
        {
            workspace = await UploadWorkspace.ReceiveAsync(raw, cancellationToken);
        }
        using (workspace)
        {
            var upload = new UploadContext(landing.Partner, landing.Dataset, landing.FileName, workspace.Sha256, refused.UploadedAt);
            await using var bytesLock = await publisher.LockBytesAsync(landing.Dataset, landing.Partner, workspace.Sha256, cancellationToken);
            using var whileHeld = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bytesLock.Lost);
            cancellationToken = whileHeld.Token;
            try
            {
                // The old quarantine copy describes the old outcome; a refusal again writes it anew.
                await foreach (var old in objects.ListAsync(LakePaths.QuarantineFolder(landing.Partner, landing.Dataset, workspace.Sha256), cancellationToken))
                {
                    await objects.DeleteAsync(old.Path, cancellationToken);
                }
                return await ProcessAndFinishAsync(landing, upload, workspace, startedAt, rawPath, previous: null, reprocessedAt: startedAt, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return await RecordFailureAsync(landing, upload, workspace, startedAt, rawPath, previous: null, e, cancellationToken);
            }
        }
    }

    private async Task<IngestionRecord> ProcessAndFinishAsync(LandingPath landing, UploadContext upload, UploadWorkspace workspace, DateTimeOffset startedAt, string rawPath, IngestionRecord? previous, DateTimeOffset? reprocessedAt, CancellationToken cancellationToken)
    {
        var vocabulary = await mappings.VocabularyForAsync(landing.Partner, cancellationToken);
        var outcome = await ProcessAsync(landing, upload, workspace, vocabulary, cancellationToken);
        var record = await FinishAsync(landing, upload, workspace, outcome, startedAt, rawPath, previous, reprocessedAt, cancellationToken);
        await unmapped.RecordAsync(record, vocabulary.Unmapped, cancellationToken);
        logger.LogInformation("Upload {File} from {Partner} ({Dataset}) {Status}: {RowsIn} rows in, {RowsAccepted} accepted, {RowsRefused} refused, {Errors} errors, {Warnings} warnings",
            record.FileName, record.Partner, record.Dataset, record.Status, record.RowsIn, record.RowsAccepted, record.RowsRefused, record.Errors, record.Warnings);
        PipelineMetrics.UploadProcessed(record);
        return record;
    }

    /// <summary>The duplicate gets a log row and its own report, naming the earlier upload and its outcome (SPEC "Submission rules").</summary>
    private async Task<IngestionRecord> RecordDuplicateAsync(LandingPath landing, UploadContext upload, UploadWorkspace workspace, IngestionRecord original, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var sameEvent = original.LandingPath == landing.Path && original.UploadedAt == upload.UploadedAt;
        if (sameEvent)
        {
            // A trigger retry or a repeated event for an upload already handled: nothing changes.
            return original;
        }
        var reportBase = LakePaths.ReportBase(landing.Partner, landing.Dataset, landing.FileName, upload.Sha256);
        var record = NewRecord(landing, upload, IngestionStatus.Duplicate, startedAt) with
        {
            Periods = original.Periods,
            ReportPath = reportBase + ".json",
            RawPath = original.RawPath,
            Message = $"Identical to '{original.FileName}' uploaded {original.UploadedAt:yyyy-MM-dd HH:mm} UTC ({original.Status}); nothing changed.",
        };
        using (var noIssues = new IssueSpool(workspace.PathFor("duplicate-report")))
        {
            await UploadReport.WriteAsync(objects, [reportBase], record, record.Message!, noIssues, cancellationToken);
        }
        await log.SaveAsync(record, cancellationToken);
        logger.LogInformation("Upload {File} from {Partner} ({Dataset}) is a duplicate of {Original}", record.FileName, record.Partner, record.Dataset, original.FileName);
        return record;
    }

    /// <summary>Everything between receiving the bytes and deciding: the checks, the validation and, when accepted, publishing.</summary>
    private async Task<Outcome> ProcessAsync(LandingPath landing, UploadContext upload, UploadWorkspace workspace, Vocabulary vocabulary, CancellationToken cancellationToken)
    {
        var issues = new IssueSpool(workspace.PathFor("report"));
        var refusal = await GatekeepAsync(landing, workspace);
        if (refusal is not null)
        {
            issues.Add(refusal);
            return new Outcome(issues, new ValidationResult(0, new HashSet<Period>()), [], []);
        }
        try
        {
            return landing.Dataset == Datasets.Vacancies
                ? await ValidateAndPublishAsync(() => new VacancyParser(upload, vocabulary), vocabulary, pseudonymiser: null, landing, upload, workspace, issues, cancellationToken)
                : await ValidateExitsAsync(landing, upload, workspace, vocabulary, issues, cancellationToken);
        }
        catch (UnreadableUploadException e)
        {
            issues.Add(new ValidationIssue(Severity.Error, 0, null, null, null, e.Rule, e.Message, e.Fix));
            return new Outcome(issues, new ValidationResult(0, new HashSet<Period>()), [], []);
        }
    }

    /// <summary>The checks made before any row is read: who uploaded, which dataset, how big.</summary>
    private async Task<ValidationIssue?> GatekeepAsync(LandingPath landing, UploadWorkspace workspace)
    {
        if (!Datasets.IsUpload(landing.Dataset))
        {
            return FileIssue(Rules.UnknownDataset, $"'{landing.Dataset}' is not a dataset the partnership collects.",
                $"Upload to one of the folders {string.Join(" or ", Datasets.Uploads)}.");
        }
        var partner = PartnerIds.IsValid(landing.Partner) ? await partners.FindAsync(landing.Partner, CancellationToken.None) : null;
        if (partner is null)
        {
            return FileIssue(Rules.UnknownPartner, $"'{landing.Partner}' is not a registered partner of the partnership.",
                "Upload to your own partner folder, or ask the partnership coordinator to register your organisation.");
        }
        if (!partner.Active)
        {
            return FileIssue(Rules.InactivePartner, $"The partner '{landing.Partner}' is no longer active, so it cannot upload.",
                "Ask the partnership coordinator to reactivate your organisation.");
        }
        if (workspace.Size > options.MaxFileBytes)
        {
            return FileIssue(Rules.SizeLimit, $"The file is {workspace.Size / (1024 * 1024):N0} MB, over the limit of {options.MaxFileBytes / (1024 * 1024):N0} MB per upload.",
                "Split the data into several files, for example one per month.");
        }
        return workspace.Size == 0
            ? FileIssue(Rules.FormatError, "The file is empty: it has no header row and no data.", "Upload the file again: it has no content.")
            : null;
    }

    private async Task<Outcome> ValidateExitsAsync(LandingPath landing, UploadContext upload, UploadWorkspace workspace, Vocabulary vocabulary, IssueSpool issues, CancellationToken cancellationToken)
    {
        using var pseudonymiser = Pseudonymiser.FromBase64(options.PseudonymisationKey, out var problem);
        if (pseudonymiser is not null)
        {
            return await ValidateAndPublishAsync(() => new ExitParser(upload, pseudonymiser, vocabulary), vocabulary, pseudonymiser, landing, upload, workspace, issues, cancellationToken);
        }
        // Never store exits with raw ids: refuse, but still count the rows for the log.
        issues.Add(FileIssue(Rules.ConfigurationError, problem!, "This is a set-up problem on the partnership's side, not in your file: please tell the coordinator."));
        using var source = TabularSources.Open(workspace.OpenUpload(), landing.FileName, landing.Dataset, options);
        var rows = RowCounter.Count(source, options.MaxRows, issues, cancellationToken);
        return new Outcome(issues, new ValidationResult(rows, new HashSet<Period>()), [], []);
    }

    /// <param name="pseudonymiser">For the leaver ids of the rows with errors; null for a dataset without them.</param>
    /// <param name="newParser">Makes one of the parsers that read batches of rows side by side.</param>
    private async Task<Outcome> ValidateAndPublishAsync<TColumns>(Func<IRecordParser<TColumns>> newParser, Vocabulary vocabulary, Pseudonymiser? pseudonymiser, LandingPath landing, UploadContext upload, UploadWorkspace workspace, IssueSpool issues, CancellationToken cancellationToken)
        where TColumns : CuratedColumns
    {
        var validator = new UploadValidator<TColumns>(newParser, vocabulary, options, Period.Of(clock.GetUtcNow()));
        using var stager = new PeriodStager(workspace.PathFor("staged"), validator.NewBatch());
        using var errorRows = new ErrorRowSpool(workspace.PathFor("rows-with-errors.csv"), landing.Partner, pseudonymiser);
        using var duplicates = new DuplicateFinder(workspace.PathFor("duplicate-keys.spill"));
        ValidationResult validation;
        using (var source = TabularSources.Open(workspace.OpenUpload(), landing.FileName, landing.Dataset, options))
        {
            validation = await validator.ValidateAsync(source, issues, errorRows, stager, duplicates, cancellationToken);
        }
        if (issues.Errors > 0)
        {
            if (errorRows.HasLateRows)
            {
                using var again = TabularSources.Open(workspace.OpenUpload(), landing.FileName, landing.Dataset, options);
                errorRows.AddLateRows(again, cancellationToken);
            }
            errorRows.Close();
            return new Outcome(issues, validation, [], []) { RowsWithErrors = errorRows.Count > 0 ? errorRows.Path : null };
        }
        var staged = await stager.CompleteAsync(cancellationToken);
        var publication = await publisher.PublishUploadAsync(landing, upload.Sha256, upload.UploadedAt, staged.ToDictionary(p => p.Key, p => p.Value.Path), cancellationToken);
        return new Outcome(issues, validation, publication.Published, publication.Superseded);
    }

    private async Task<IngestionRecord> FinishAsync(LandingPath landing, UploadContext upload, UploadWorkspace workspace, Outcome outcome, DateTimeOffset startedAt, string rawPath, IngestionRecord? previous, DateTimeOffset? reprocessedAt, CancellationToken cancellationToken)
    {
        var issues = outcome.Issues;
        var refused = issues.Errors > 0;
        var rowsIn = outcome.Validation.RowsIn;
        var reportBase = LakePaths.ReportBase(landing.Partner, landing.Dataset, landing.FileName, upload.Sha256);
        var status = refused ? IngestionStatus.Refused : issues.Warnings > 0 ? IngestionStatus.AcceptedWithWarnings : IngestionStatus.Accepted;
        var record = NewRecord(landing, upload, status, startedAt) with
        {
            RowsIn = rowsIn,
            RowsAccepted = refused ? 0 : rowsIn,
            RowsRefused = refused ? rowsIn : 0,
            Errors = issues.Errors,
            Warnings = issues.Warnings,
            Periods = outcome.Validation.Periods.Order().Select(p => p.ToString()).ToList(),
            SupersededPeriods = outcome.Superseded.Select(p => p.ToString()).ToList(),
            ReportPath = reportBase + ".json",
            RawPath = rawPath,
            Attempts = (previous?.Attempts ?? 0) + 1,
            ReprocessedAt = reprocessedAt,
            Message = refused ? issues.FirstError?.Message : null,
            FirstIssues = issues.FirstIssues,
        };
        var quarantine = LakePaths.QuarantineFolder(landing.Partner, landing.Dataset, upload.Sha256);
        // A refused file's report is also kept with its quarantined rows: the same local files, uploaded twice.
        IReadOnlyList<string> reportPlaces = refused ? [reportBase, quarantine + "report"] : [reportBase];
        await UploadReport.WriteAsync(objects, reportPlaces, record, Summary(record, issues), issues, cancellationToken);
        if (outcome.RowsWithErrors is { } rowsWithErrors)
        {
            await using var rows = File.OpenRead(rowsWithErrors);
            await objects.WriteAsync(quarantine + "rows-with-errors.csv", rows, cancellationToken);
        }
        // The change is announced before the log row that marks the upload done: a process killed
        // in between leaves no row, so the redelivered upload is processed (and announced) again,
        // rather than recognised as done with its indicators never recomputed.
        if (outcome.Published.Count > 0)
        {
            await events.CuratedChangedAsync(new CuratedChange(landing.Partner, landing.Dataset, outcome.Published), cancellationToken);
        }
        await log.SaveAsync(record, cancellationToken);
        return record;
    }

    private async Task<IngestionRecord> RecordFailureAsync(LandingPath landing, UploadContext upload, UploadWorkspace workspace, DateTimeOffset startedAt, string rawPath, IngestionRecord? previous, Exception error, CancellationToken cancellationToken)
    {
        var attempts = (previous?.Attempts ?? 0) + 1;
        logger.LogError(error, "Upload {File} from {Partner} ({Dataset}) failed on attempt {Attempt}", landing.FileName, landing.Partner, landing.Dataset, attempts);
        var giveUp = attempts >= MaxAttempts;
        var record = NewRecord(landing, upload, IngestionStatus.Failed, startedAt) with
        {
            RawPath = rawPath,
            Attempts = attempts,
            Message = giveUp
                ? $"Processing failed {attempts} times ({error.GetType().Name}); the upload is quarantined for the operators and will not be retried."
                : $"Processing failed ({error.GetType().Name}); it will be retried.",
        };
        if (giveUp)
        {
            using var issues = new IssueSpool(workspace.PathFor("failure-report"));
            issues.Add(FileIssue(Rules.ProcessingError, "Your file could not be processed because of a problem on the partnership's side. It is kept safely and the operators have been told.", "You need do nothing; the coordinator will contact you."));
            var quarantineReport = LakePaths.QuarantineFolder(landing.Partner, landing.Dataset, upload.Sha256) + "report";
            await UploadReport.WriteAsync(objects, [quarantineReport], record, record.Message!, issues, cancellationToken);
        }
        await log.SaveAsync(record, cancellationToken);
        if (!giveUp)
        {
            throw new IngestionFailedException(record, error);
        }
        return record;
    }

    /// <summary>The log record's facts every outcome shares; each outcome adds its own.</summary>
    private IngestionRecord NewRecord(LandingPath landing, UploadContext upload, string status, DateTimeOffset startedAt) => new()
    {
        Partner = landing.Partner,
        Dataset = landing.Dataset,
        FileName = landing.FileName,
        LandingPath = landing.Path,
        Sha256 = upload.Sha256,
        Status = status,
        UploadedAt = upload.UploadedAt,
        StartedAt = startedAt,
        FinishedAt = clock.GetUtcNow(),
    };

    private static string Summary(IngestionRecord record, IssueSpool issues)
    {
        if (record.Status == IngestionStatus.Refused)
        {
            return $"Refused: this file has {Plural(issues.Errors, "error")} to fix before it can be accepted ({Plural(issues.RowsWithErrors, "row")} with errors). Nothing from it was used.";
        }
        var periods = string.Join(", ", record.Periods);
        var summary = $"Accepted: {Plural(record.RowsAccepted, "row")} for {periods}.";
        if (record.SupersededPeriods.Count > 0)
        {
            summary += $" A newer upload already covers {string.Join(", ", record.SupersededPeriods)}, so this file's rows for those months were not used.";
        }
        return issues.Warnings > 0 ? summary + $" Please check the {Plural(issues.Warnings, "warning")}." : summary;
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count:N0} {noun}s";

    private static ValidationIssue FileIssue(string rule, string message, string fix) =>
        new(Severity.Error, 0, null, null, null, rule, message, fix);

    private sealed record Outcome(IssueSpool Issues, ValidationResult Validation, IReadOnlyList<Period> Published, IReadOnlyList<Period> Superseded)
    {
        /// <summary>The local CSV of a refused file's rows with errors, when rows could be read.</summary>
        public string? RowsWithErrors { get; init; }
    }
}

/// <summary>A system error stopped processing; the trigger should retry the upload. The log already says so.</summary>
public sealed class IngestionFailedException(IngestionRecord record, Exception inner) : Exception(record.Message, inner)
{
    public IngestionRecord Record { get; } = record;
}
