using Microsoft.Extensions.Logging;

namespace Pipeline.Core.Uploads;

/// <summary>
/// One file sent to <c>POST /api/uploads/{dataset}</c>, whatever the host.
/// <paramref name="FileNameHeader"/> is the <c>X-File-Name</c> header, percent-encoded UTF-8
/// (as JavaScript's encodeURIComponent writes it); plain ASCII names need no encoding.
/// <paramref name="ContentType"/> is the request's Content-Type header, if any.
/// </summary>
public sealed record UploadRequest(string? FileNameHeader, long? ContentLength, Stream Body, string? ContentType);

/// <summary>What the uploader is told at once: where the file is and where to follow what becomes of it.</summary>
/// <param name="Status">received (the blob trigger will process it), or the ingestion log's status when processed already.</param>
public sealed record UploadReceipt(
    string Partner, string Dataset, string FileName, string Sha256, long SizeBytes, DateTime UploadedAt,
    string Status, string Message, string Uploads, string? Report, string? ReportCsv);

/// <summary>
/// The partners' upload (SPEC "Who may see what"): checks the caller and the request, streams the
/// body into <c>landing/{partner}/{dataset}/{name}</c> with <c>Pipeline:MaxFileBytes</c> enforced
/// while it streams (413 past it, and the landing zone keeps nothing of it), then hands the landed
/// file to <see cref="IUploadProcessing"/>: the blob trigger in Azure, in process in <c>pipeline serve</c>.
/// </summary>
public sealed class PartnerUploads(
    IObjectStore objects,
    IUploadProcessing processing,
    ServingAccess access,
    PipelineOptions options,
    ILogger<PartnerUploads> logger)
{
    public const string FileNameHeader = "X-File-Name";
    public const string UploadsPath = "/api/my/uploads";

    /// <summary>Optional: a partner user may name its own partner; any other is refused.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["partner"];

    public async Task<ServingResponse> AnswerAsync(Caller caller, string dataset, QueryParameters parameters, UploadRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var partner = parameters.One("partner", errors) ?? (caller as Caller.PartnerUser)?.PartnerId ?? "(no partner)";
        if (access.Upload(caller, partner).Refusal is { } refusal)
        {
            return refusal;
        }
        errors.AddRange(parameters.CheckNames(Parameters));
        if (!Datasets.IsUpload(dataset))
        {
            return ServingResponse.NotFound($"'{dataset}' is not a dataset the partnership collects: upload to {string.Join(" or ", Datasets.Uploads)}.");
        }
        if (IsMultipartForm(request.ContentType))
        {
            // Landed as it is, a form's boundaries and part headers would be refused row by row as a broken file.
            return ServingResponse.UnsupportedMediaType(
                "The file was sent as a multipart form. Send the file's bytes as the request body, with its name in the X-File-Name header (the upload page does this).");
        }
        var fileName = DecodeFileName(request.FileNameHeader, errors);
        if (errors.Count > 0)
        {
            return ServingResponse.BadRequest(errors);
        }
        if (request.ContentLength > options.MaxFileBytes)
        {
            logger.LogWarning("Refused upload {File} of {Bytes} bytes from {Caller}: over the limit", fileName, request.ContentLength, caller.Identity);
            return TooLarge(request.ContentLength.Value);
        }
        var landing = new LandingPath(partner, dataset, fileName!);
        var landed = await LandAsync(landing, request.Body, cancellationToken);
        if (landed is null)
        {
            logger.LogWarning("Refused upload {File} from {Caller}: over the limit of {MaxBytes} bytes while streaming", fileName, caller.Identity, options.MaxFileBytes);
            return TooLarge(null);
        }
        logger.LogInformation("Upload {File} ({Bytes} bytes, {Sha256}) from {Caller} landed at {LandingPath}",
            fileName, landed.Size, landed.Sha256, caller.Identity, landing.Path);
        var processed = await processing.LandedAsync(landed, cancellationToken);
        return ServingResponse.Accepted(Receipt(landed, processed), UploadsPath);
    }

    /// <returns>The landed upload; null when the body went past the limit (nothing of it is kept).</returns>
    private async Task<LandedUpload?> LandAsync(LandingPath landing, Stream body, CancellationToken cancellationToken)
    {
        await using var limited = new LimitedUploadStream(body, options.MaxFileBytes);
        try
        {
            // Both stores commit only at the end of the stream, so a failed read leaves any earlier file of this name as it was.
            await objects.WriteAsync(landing.Path, limited, cancellationToken);
        }
        catch (Exception) when (limited.ExceededLimit)
        {
            return null;
        }
        var info = await objects.GetInfoAsync(landing.Path, cancellationToken)
            ?? throw new IOException($"{landing.Path} was written but is not there.");
        return new LandedUpload(landing, limited.Sha256(), limited.BytesRead, info.CreatedAt);
    }

    private static bool IsMultipartForm(string? contentType) =>
        contentType is not null && contentType.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase);

    private static string? DecodeFileName(string? header, List<string> errors)
    {
        string? name;
        try
        {
            name = header is null ? null : Uri.UnescapeDataString(header.Trim());
        }
        catch (UriFormatException)
        {
            name = header;
        }
        if (UploadFileNames.Problem(name) is { } problem)
        {
            errors.Add(problem);
            return null;
        }
        return name;
    }

    private ServingResponse TooLarge(long? declaredBytes)
    {
        var limit = $"{options.MaxFileBytes / (1024 * 1024):N0} MB";
        var size = declaredBytes is { } bytes ? $"The file is {bytes / (1024 * 1024):N0} MB, over" : "The file is over";
        return ServingResponse.ContentTooLarge($"{size} the limit of {limit} per upload. Split the data into several files, for example one per month, and upload each.");
    }

    /// <summary>An accepted upload in one sentence (the log's message says why for the other outcomes).</summary>
    private static string Outcome(IngestionRecord record)
    {
        var accepted = $"Your file is accepted: {record.RowsAccepted:N0} rows for {string.Join(", ", record.Periods)}.";
        return record.Warnings > 0 ? $"{accepted} Please check the {record.Warnings:N0} warnings in its report." : accepted;
    }

    private static UploadReceipt Receipt(LandedUpload landed, IngestionRecord? processed)
    {
        var links = ReportLinks.Of(processed?.ReportPath);
        var message = processed is null
            ? "Your file has arrived and is being checked. Its result will appear in your list of uploads."
            : processed.Message ?? Outcome(processed);
        return new UploadReceipt(
            landed.Landing.Partner, landed.Landing.Dataset, landed.Landing.FileName, landed.Sha256, landed.Size,
            landed.UploadedAt.UtcDateTime, processed?.Status ?? "received", message, UploadsPath, links?.Json, links?.Csv);
    }
}
