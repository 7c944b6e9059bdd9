using Pipeline.Integration.Tests.Serving;

namespace Pipeline.Integration.Tests.Uploads;

/// <summary>
/// <c>pipeline serve</c> over a lake of its own (uploads change the log and the indicators, so the
/// other serving tests' lake stays as it is): as a user of north-trust, as a coordinator and as no one.
/// </summary>
public sealed class UploadServeFixture : IAsyncLifetime
{
    public const string PartnerCaller = "north-trust";

    public ServingTestLake Lake { get; } = new();
    public ServeProcess Partner { get; } = new();
    public ServeProcess Coordinator { get; } = new();
    public ServeProcess Anonymous { get; } = new();

    public async Task InitializeAsync()
    {
        await Lake.WriteAsync(CancellationToken.None);
        await Task.WhenAll(
            Partner.StartAsync(["serve", "--lake", Lake.Root, "--as", $"partner:{PartnerCaller}"]),
            Coordinator.StartAsync(["serve", "--lake", Lake.Root, "--as", "coordinator"]),
            Anonymous.StartAsync(["serve", "--lake", Lake.Root, "--as", "anonymous"]));
    }

    public async Task DisposeAsync()
    {
        await Partner.DisposeAsync();
        await Coordinator.DisposeAsync();
        await Anonymous.DisposeAsync();
        Lake.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class UploadServeCollection : ICollectionFixture<UploadServeFixture>
{
    public const string Name = "pipeline serve uploads";
}
