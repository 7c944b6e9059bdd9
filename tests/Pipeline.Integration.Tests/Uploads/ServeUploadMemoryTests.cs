using System.Net;
using Pipeline.Integration.Tests.Serving;

namespace Pipeline.Integration.Tests.Uploads;

/// <summary>
/// A 150 MB vacancy return sent to <c>POST /api/uploads/vacancies</c> on <c>pipeline serve</c>
/// (a child process, so its memory is its own): received, ingested and the indicators recomputed
/// within a peak working set under 300 MB. scripts/measure-serve-upload-memory.sh measures the
/// same on a Release build.
/// </summary>
public sealed class ServeUploadMemoryTests : IAsyncLifetime
{
    private const long UploadBytes = 150L * 1024 * 1024;
    private const long PeakLimitBytes = 300L * 1024 * 1024;
    private const string Partner = "north-trust";

    private readonly TestLake _lake = new();
    private readonly ServeProcess _serve = new();

    public async Task InitializeAsync()
    {
        await _lake.AddPartnerAsync(Partner, "nhs_trust");
        await _serve.StartAsync(["serve", "--lake", _lake.Root, "--as", $"partner:{Partner}"]);
    }

    [Fact]
    public async Task Upload150Mb_StreamedAndIngested_PeakWorkingSetUnder300Mb()
    {
        var upload = new GeneratedReturn(Period.Of(DateTimeOffset.UtcNow).AddMonths(-1), UploadBytes);
        // Sending, validating 2.9 million rows and recomputing take minutes on a busy 2-core machine.
        using var client = new HttpClient { BaseAddress = _serve.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        using var request = ServeUploadTests.UploadRequest(upload, "large-return.csv");

        using var response = await client.SendAsync(request);

        Assert.Null(upload.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("accepted", receipt.RootElement.GetProperty("status").GetString());
        Assert.Equal(upload.BytesWritten, receipt.RootElement.GetProperty("size_bytes").GetInt64());
        Assert.True(upload.BytesWritten >= UploadBytes);
        using var uploads = JsonDocument.Parse(await client.GetStringAsync("api/my/uploads"));
        var logged = uploads.RootElement.GetProperty("uploads").EnumerateArray().Single();
        Assert.Equal(upload.Rows, logged.GetProperty("rows_accepted").GetInt64());

        var peak = ProcessUsage.PeakResidentBytes(_serve.ProcessId);
        Assert.True(peak < PeakLimitBytes, $"pipeline serve peaked at {peak / (1024 * 1024)} MB receiving and ingesting {upload.BytesWritten / (1024 * 1024)} MB");
    }

    public async Task DisposeAsync()
    {
        await _serve.DisposeAsync();
        _lake.Dispose();
    }

    /// <summary>
    /// A valid vacancy return of at least <paramref name="bytes"/> bytes, written while it is sent
    /// (no length, so chunked, and the size limit counted while streaming): one row per role and
    /// site, every site distinct, so no row is a duplicate of another.
    /// </summary>
    private sealed class GeneratedReturn(Period period, long bytes) : HttpContent
    {
        private static readonly string[] Roles =
            ["care_worker", "senior_care_worker", "home_care_worker", "registered_nurse", "healthcare_assistant", "social_worker", "physiotherapist", "admin_clerical"];

        public long Rows { get; private set; }
        public long BytesWritten { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            await WriteAsync(writer, "period,role,site,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,vacancies_advertised,applications,starters,leavers");
            for (var row = 0; BytesWritten < bytes; row++)
            {
                await WriteAsync(writer, string.Create(CultureInfo.InvariantCulture,
                    $"{period},{Roles[row % Roles.Length]},Site {row / Roles.Length:D7},{40 + row % 60},{45 + row % 60},{row % 7},{row % 4},{row % 30},{row % 3},{row % 2}"));
                Rows++;
            }
            await writer.FlushAsync();
        }

        private async Task WriteAsync(StreamWriter writer, string line)
        {
            await writer.WriteAsync(line + "\n");
            BytesWritten += line.Length + 1;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
