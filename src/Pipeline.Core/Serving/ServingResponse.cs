using System.Net.Mime;

namespace Pipeline.Core.Serving;

/// <summary>
/// An HTTP answer described without ASP.NET: status, content type, extra headers and a body
/// writer. The Functions and the runner's Kestrel each copy it onto their response as it is.
/// </summary>
public sealed class ServingResponse
{
    private const string Utf8 = "; charset=utf-8";

    public const string JsonType = MediaTypeNames.Application.Json + Utf8;
    public const string ProblemType = MediaTypeNames.Application.ProblemJson + Utf8;
    public const string CsvType = MediaTypeNames.Text.Csv + Utf8;
    public const string HtmlType = MediaTypeNames.Text.Html + Utf8;

    private ServingResponse(int statusCode, string contentType, IReadOnlyDictionary<string, string> headers, Func<Stream, CancellationToken, Task> writeBody)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Headers = headers;
        WriteBodyAsync = writeBody;
    }

    public int StatusCode { get; }
    public string ContentType { get; }

    /// <summary>Headers besides Content-Type, such as Content-Disposition for downloads.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public Func<Stream, CancellationToken, Task> WriteBodyAsync { get; }

    public static ServingResponse Stream(string contentType, Func<Stream, CancellationToken, Task> writeBody, IReadOnlyDictionary<string, string>? headers = null) =>
        new(200, contentType, WithNoSniff(headers), writeBody);

    /// <summary>200 with a body serialised with snake_case names.</summary>
    public static ServingResponse Json<T>(T body) =>
        new(200, JsonType, WithNoSniff(null), (output, cancellationToken) => JsonSerializer.SerializeAsync(output, body, SnakeCase, cancellationToken));

    /// <summary>202: the request is taken and will finish later; <paramref name="location"/> is where to follow it.</summary>
    public static ServingResponse Accepted<T>(T body, string location) =>
        new(202, JsonType, WithNoSniff(new Dictionary<string, string> { ["Location"] = location }),
            (output, cancellationToken) => JsonSerializer.SerializeAsync(output, body, SnakeCase, cancellationToken));

    /// <summary>413: the request's body is over the size limit.</summary>
    public static ServingResponse ContentTooLarge(string message) =>
        Problem(413, "The file is too large", [message]);

    /// <summary>415: the request's body is in a form this endpoint does not read.</summary>
    public static ServingResponse UnsupportedMediaType(string message) =>
        Problem(415, "The file was not sent as the request body", [message]);

    /// <summary>400: an RFC 9457 problem document whose <c>errors</c> list every reason, in plain English.</summary>
    public static ServingResponse BadRequest(IReadOnlyList<string> errors) =>
        Problem(400, "The request's parameters are not right", errors);

    public static ServingResponse NotFound(string message) =>
        Problem(404, "Not found", [message]);

    /// <summary>401: no one is signed in.</summary>
    public static ServingResponse Unauthorized(string message) =>
        Problem(401, "Not signed in", [message]);

    /// <summary>403: the caller is signed in, but this is outside their rights.</summary>
    public static ServingResponse Forbidden(string message) =>
        Problem(403, "Not allowed", [message]);

    public static readonly JsonSerializerOptions SnakeCase = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,

        // Messages keep their apostrophes readable; the body is JSON, never inlined into HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static ServingResponse Problem(int status, string title, IReadOnlyList<string> errors)
    {
        var problem = new ProblemDocument(
            $"https://www.rfc-editor.org/rfc/rfc9110#section-15.5.{status - 399}",
            title, status, string.Join(" ", errors), errors);
        return new ServingResponse(status, ProblemType, WithNoSniff(null),
            (output, cancellationToken) => JsonSerializer.SerializeAsync(output, problem, SnakeCase, cancellationToken));
    }

    private static Dictionary<string, string> WithNoSniff(IReadOnlyDictionary<string, string>? headers)
    {
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["X-Content-Type-Options"] = "nosniff" };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            all[name] = value;
        }
        return all;
    }

    private sealed record ProblemDocument(string Type, string Title, int Status, string Detail, IReadOnlyList<string> Errors);
}
