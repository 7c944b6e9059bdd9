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

    /// <param name="resourceName">The page's logical name in the assembly (see Pipeline.Core.csproj).</param>
    public static ServingResponse Answer(string resourceName) => ServingResponse.Stream(ServingResponse.HtmlType,
        async (output, cancellationToken) =>
        {
            await using var page = typeof(EmbeddedPage).Assembly.GetManifestResourceStream(resourceName)
                ?? throw new InvalidOperationException($"The page {resourceName} is not embedded in the assembly.");
            await page.CopyToAsync(output, cancellationToken);
        },
        new Dictionary<string, string>
        {
            ["Content-Security-Policy"] = ContentSecurityPolicy,
            ["Cache-Control"] = "no-cache",
            ["Referrer-Policy"] = "no-referrer",
        });
}
