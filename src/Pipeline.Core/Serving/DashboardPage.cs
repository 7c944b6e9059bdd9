namespace Pipeline.Core.Serving;

/// <summary>The coordinators' page (<see cref="EmbeddedPage"/>).</summary>
public static class DashboardPage
{
    private const string ResourceName = "Pipeline.Serving.dashboard.html";

    public static ServingResponse Answer() => EmbeddedPage.Answer(ResourceName);
}
