namespace Pipeline.Core.Serving;

/// <summary>
/// The coordinators' page: one self-contained HTML file (inline CSS and script, nothing from
/// other sites) embedded in this assembly. It calls the API with relative URLs.
/// </summary>
public static class DashboardPage
{
    private const string ResourceName = "Pipeline.Serving.dashboard.html";

    /// <summary>
    /// Scripts and styles are inline (the page is one file); everything else may come only from
    /// this site, and fetches only go back to it.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static ServingResponse Answer() => ServingResponse.Stream(ServingResponse.HtmlType, WriteAsync,
        new Dictionary<string, string>
        {
            ["Content-Security-Policy"] = ContentSecurityPolicy,
            ["Cache-Control"] = "no-cache",
            ["Referrer-Policy"] = "no-referrer",
        });

    private static async Task WriteAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var page = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The dashboard page {ResourceName} is not embedded in the assembly.");
        await page.CopyToAsync(output, cancellationToken);
    }
}
