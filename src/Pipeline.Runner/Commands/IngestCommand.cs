using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

public sealed class IngestSettings : LakeSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The upload: .csv, .xlsx or .json.")]
    public string File { get; init; } = "";

    [CommandOption("--partner <ID>")]
    [Description("The partner whose folder the file was uploaded to.")]
    public string Partner { get; init; } = "";

    [CommandOption("--dataset <DATASET>")]
    [Description("vacancies or exits.")]
    public string Dataset { get; init; } = "";

    [CommandOption("--uploaded-at <TIME>")]
    [Description("The upload time (ISO 8601); default: the file's last-modified time.")]
    public string? UploadedAt { get; init; }

    public override ValidationResult Validate()
    {
        if (Partner.Length == 0 || Dataset.Length == 0)
        {
            return ValidationResult.Error("Both --partner and --dataset are required.");
        }
        if (!System.IO.File.Exists(File))
        {
            return ValidationResult.Error($"There is no file {File}.");
        }
        return UploadedAt is null || DateTimeOffset.TryParse(UploadedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--uploaded-at '{UploadedAt}' is not an ISO 8601 time.");
    }
}

/// <summary>
/// <c>pipeline ingest FILE --partner ID --dataset DATASET</c>: what the blob trigger does for one
/// upload, after completing what a killed run left part-way (<see cref="PublishRecovery"/>).
/// </summary>
public sealed class IngestCommand(PipelineLakes lakes) : LakeCommand<IngestSettings>(lakes)
{
    protected override async Task<int> ExecuteAsync(PipelineContext pipeline, IngestSettings settings, CancellationToken cancellationToken)
    {
        var uploadedAt = settings.UploadedAt is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : new DateTimeOffset(System.IO.File.GetLastWriteTimeUtc(settings.File), TimeSpan.Zero);
        var landingPath = new LandingPath(settings.Partner, settings.Dataset, Path.GetFileName(settings.File)).Path;
        await using var content = System.IO.File.OpenRead(settings.File);
        await pipeline.Get<PublishRecovery>().RecoverAsync(cancellationToken);
        IngestionRecord record;
        try
        {
            record = await pipeline.Get<IngestionService>().IngestAsync(landingPath, uploadedAt, content, cancellationToken);
        }
        catch (IngestionFailedException e)
        {
            record = e.Record;
        }
        await pipeline.Get<CollectedChanges>().RecomputeAsync(cancellationToken);
        IngestionOutput.Write(pipeline, record);
        return IngestionOutput.ExitCode(record);
    }
}
