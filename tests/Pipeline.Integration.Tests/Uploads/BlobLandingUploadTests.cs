using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Azure;
using Pipeline.Integration.Tests.Storage;

namespace Pipeline.Integration.Tests.Uploads;

/// <summary>
/// An upload streamed into the landing container of Azure Blob Storage (Azurite), as the Function App
/// does: it lands whole, and one over the limit leaves nothing, not even over an earlier file of that name.
/// </summary>
public sealed class BlobLandingUploadTests
{
    private const long MaxFileBytes = 1024 * 1024;
    private static readonly Caller North = new Caller.PartnerUser("north-trust", "test");

    private readonly BlobObjectStore _objects = new(Azurite.Connect().Blobs);

    private PartnerUploads Uploads() => new(_objects, new BlobTriggerProcessesUploads(), new ServingAccess(NullLogger<ServingAccess>.Instance),
        new PipelineOptions { MaxFileBytes = MaxFileBytes }, NullLogger<PartnerUploads>.Instance);

    private async Task<ServingResponse> SendAsync(string fileName, byte[] body) =>
        await Uploads().AnswerAsync(North, "vacancies", new QueryParameters([]), new UploadRequest(fileName, null, new MemoryStream(body), "text/csv"), CancellationToken.None);

    private async Task<string?> LandedTextAsync(string fileName)
    {
        var path = $"landing/north-trust/vacancies/{fileName}";
        if (await _objects.GetInfoAsync(path, CancellationToken.None) is null)
        {
            return null;
        }
        await using var content = await _objects.OpenReadAsync(path, CancellationToken.None);
        using var reader = new StreamReader(content);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Upload_WithinTheLimit_LandsWholeInTheLandingContainer()
    {
        var name = $"blob-{Guid.NewGuid():N}.csv";
        var text = "period,role\n" + new string('x', 300_000);

        var answer = await SendAsync(name, Encoding.UTF8.GetBytes(text));

        Assert.Equal(202, answer.StatusCode);
        Assert.Equal(text, await LandedTextAsync(name));
        using var body = new MemoryStream();
        await answer.WriteBodyAsync(body, CancellationToken.None);
        Assert.Equal("received", JsonDocument.Parse(body.ToArray()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Upload_OverTheLimitWhileStreaming_413AndTheLandingContainerKeepsNothingOfIt()
    {
        var fresh = $"blob-{Guid.NewGuid():N}.csv";
        var replaced = $"blob-{Guid.NewGuid():N}.csv";
        Assert.Equal(202, (await SendAsync(replaced, Encoding.UTF8.GetBytes("the earlier file"))).StatusCode);
        var tooLarge = new byte[6 * MaxFileBytes];

        var first = await SendAsync(fresh, tooLarge);
        var second = await SendAsync(replaced, tooLarge);

        Assert.Equal(413, first.StatusCode);
        Assert.Equal(413, second.StatusCode);
        Assert.Null(await LandedTextAsync(fresh));
        Assert.Equal("the earlier file", await LandedTextAsync(replaced));
    }
}
