using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Pipeline.Synthetic.Feeds;

/// <summary>
/// An in-process stand-in for the feed servers: answers a GET with the file of the samples folder
/// named by the URL's last path segment, whatever the host, with an ETag and Last-Modified, and
/// 304 Not Modified when the request's If-None-Match still matches. No network is used.
/// </summary>
public sealed class SampleFeedHandler(string samplesFolder) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(Uri.UnescapeDataString(request.RequestUri?.AbsolutePath ?? ""));
        var file = Path.Combine(samplesFolder, name);
        if (name.Length == 0 || !File.Exists(file))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
        if (request.Headers.IfNoneMatch.Any(tag => tag.Tag == etag.Tag))
        {
            var notModified = new HttpResponseMessage(HttpStatusCode.NotModified) { RequestMessage = request };
            notModified.Headers.ETag = etag;
            return notModified;
        }
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes), RequestMessage = request };
        response.Headers.ETag = etag;
        response.Content.Headers.LastModified = File.GetLastWriteTimeUtc(file);
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(
            Path.GetExtension(file).Equals(".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "text/csv");
        return response;
    }
}
