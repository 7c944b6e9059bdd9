namespace Pipeline.Core.Serving;

/// <summary>
/// A page that is one self-contained HTML file (inline CSS and script, nothing from other sites)
/// embedded in this assembly, served with the headers that keep it so. It calls the API with relative URLs.
/// </summary>
public static class EmbeddedPage
{
    /// <summary>
    /// Scripts and styles are inline (the page is one file); everything else may come only from
    /// this site, and fetches only go back to it.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The palette, page and header every page shares, put at the top of the page's own style sheet.</summary>
    private const string SharedStyles = "Pipeline.Serving.pages.css";

    private const string StyleStart = "<style>";

    /// <param name="resourceName">The page's logical name in the assembly (see Pipeline.Core.csproj).</param>
    public static ServingResponse Answer(string resourceName) => ServingResponse.Stream(ServingResponse.HtmlType,
        async (output, cancellationToken) =>
        {
            var page = await ReadAsync(resourceName, cancellationToken);
            var start = page.IndexOf(StyleStart, StringComparison.Ordinal);
            if (start < 0)
            {
                throw new InvalidOperationException($"The page {resourceName} has no <style> for the shared styles.");
            }
            var shared = await ReadAsync(SharedStyles, cancellationToken);
            var html = page.Insert(start + StyleStart.Length, "\n" + shared.TrimEnd());
            await output.WriteAsync(Encoding.UTF8.GetBytes(html), cancellationToken);
        },
        new Dictionary<string, string>
        {
            ["Content-Security-Policy"] = ContentSecurityPolicy,
            ["Cache-Control"] = "no-cache",
            ["Referrer-Policy"] = "no-referrer",
        });

    private static async Task<string> ReadAsync(string resourceName, CancellationToken cancellationToken)
    {
        await using var resource = typeof(EmbeddedPage).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"{resourceName} is not embedded in the assembly.");
        using var reader = new StreamReader(resource, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
