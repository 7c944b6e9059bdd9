using System.Net;
using System.Text;
using System.Text.Json;
using Pipeline.Core.Lake;
using Pipeline.Integration.Tests.Serving;
using Pipeline.Tests.Shared;
using Xunit.Abstractions;

namespace Pipeline.Integration.Tests.Uploads;

/// <summary>
/// A 150 MB vacancy return through <c>POST /api/uploads/vacancies</c> on a separate
/// <c>pipeline serve</c> process: the body is streamed to landing and ingested in process, and the
/// server's peak working set stays under 300 MB. The client streams the body as it generates it.
/// </summary>
public sealed class ServeUploadMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long UploadBytes = 150L * 1024 * 1024;
    private const long WorkingSetBound = 300L * 1024 * 1024;

    private static readonly string[] Roles =
        ["care_worker", "senior_care_worker", "home_care_worker", "registered_nurse", "healthcare_assistant", "social_worker", "physiotherapist", "admin_clerical"];

    private readonly ServingTestLake _lake = new();
    private readonly ServeProcess _serve = new();

    public async Task InitializeAsync()
    {
        await _lake.WriteAsync(CancellationToken.None);
        await _serve.StartAsync(["serve", "--lake", _lake.Root, "--as", "partner:north-trust"]);
    }

    [Fact]
    public async Task Upload150MB_IngestedInProcess_ServerWorkingSetUnder300MB()
    {
        // Only so that a broken server cannot hang the run; nothing here asserts on time.
        using var client = new HttpClient { BaseAddress = _serve.BaseAddress, Timeout = TimeSpan.FromMinutes(20) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/uploads/vacancies") { Content = new GeneratedReturn(UploadBytes) };
        request.Headers.Add("X-File-Name", "large-return.csv");

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var peak = _serve.PeakWorkingSetBytes();
        output.WriteLine($"150 MB upload: {response.StatusCode}, server peak working set {peak / (1024 * 1024)} MB");

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        using var receipt = JsonDocument.Parse(body);
        Assert.True(receipt.RootElement.GetProperty("size_bytes").GetInt64() >= UploadBytes);
        Assert.Equal("accepted", receipt.RootElement.GetProperty("status").GetString());
        Assert.True(peak < WorkingSetBound, $"The server's working set peaked at {peak / (1024 * 1024)} MB.");
    }

    public async Task DisposeAsync()
    {
        await _serve.DisposeAsync();
        _lake.Dispose();
    }

    /// <summary>A valid vacancy return of at least the given size, written row by row as it is sent (chunked).</summary>
    private sealed class GeneratedReturn(long bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var period = Period.Of(DateTimeOffset.UtcNow).AddMonths(-1);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            await writer.WriteAsync("period,role,site,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,vacancies_advertised,applications,starters,leavers\n");
            long written = 0;
            for (var row = 0; written < bytes; row++)
            {
                var line = $"{period},{Roles[row % Roles.Length]},Site {row / Roles.Length:D7},{40 + row % 60},{45 + row % 60},{row % 7},{row % 4},{row % 30},{row % 3},{row % 2}\n";
                await writer.WriteAsync(line);
                written += line.Length;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
