using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Pipeline.Functions.Tests;

public class TelemetryTests
{
    [Fact]
    public void AddPipelineTelemetry_NoConnectionString_BuildsTheMeterProviderWithoutAnExporter()
    {
        using var provider = Services(new()).BuildServiceProvider();

        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void AddPipelineTelemetry_AppInsightsSettings_BuildsTheMeterProviderWithTheAzureMonitorExporter()
    {
        using var provider = Services(new()
        {
            [Telemetry.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
            [Telemetry.AuthenticationSetting] = "ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD",
        }).BuildServiceProvider();

        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    private static IServiceCollection Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddPipelineTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
