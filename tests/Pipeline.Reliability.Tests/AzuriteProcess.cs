using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pipeline.Reliability.Tests;

/// <summary>
/// An Azurite of a test's own, persisting to a folder (not in memory), so that it can be stopped and
/// started again on the same ports and data. It is the repository's pinned Azurite,
/// <c>node_modules/.bin/azurite</c> (installed by <c>npm ci</c>, which ./test.sh runs), found by
/// walking up from the test output to the repository root.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>How long Azurite may take to listen: its table port opens last, 15 s or more on a busy machine.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly string _binary;
    private readonly int _blobPort;
    private Process? _process;

    private AzuriteProcess(string binary, string folder, int blobPort)
    {
        _binary = binary;
        Folder = folder;
        _blobPort = blobPort;
    }

    /// <summary>Where Azurite keeps its metadata and blobs; it outlives a stop.</summary>
    public string Folder { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:{_blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{_blobPort + 1}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{_blobPort + 2}/devstoreaccount1;";

    /// <summary>Starts Azurite on three free consecutive ports of 10300-10399 (blob, queue, table) over a new temp folder.</summary>
    public static async Task<AzuriteProcess> StartAsync()
    {
        var azurite = new AzuriteProcess(FindBinary(), Directory.CreateTempSubdirectory("reliability-azurite-").FullName, FreePorts());
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Starts it (again) on the same ports and folder, and waits until all three services listen.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(_binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            // Without --disableTelemetry, a stop waits for Azurite's telemetry to give up on the network (80 s and more here).
            "--silent", "--disableTelemetry", "--location", Folder, "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", Port(0), "--queueHost", "127.0.0.1", "--queuePort", Port(1), "--tableHost", "127.0.0.1", "--tablePort", Port(2),
        })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var giveUpAt = DateTime.UtcNow + StartLimit;
        foreach (var offset in new[] { 0, 1, 2 })
        {
            while (!await ListensAsync(_blobPort + offset))
            {
                if (_process.HasExited || DateTime.UtcNow > giveUpAt)
                {
                    throw new InvalidOperationException($"Azurite did not start on 127.0.0.1:{_blobPort}-{_blobPort + 2} over {Folder}.");
                }
                await Task.Delay(200);
            }
        }
    }

    /// <summary>
    /// SIGTERM, as a service manager stops it: Azurite closes its servers and saves its metadata.
    /// (After SIGKILL Azurite itself may lose metadata it had acknowledged: that is the emulator's
    /// durability, not the pipeline's, so the suite does not kill it.)
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Port(int offset) => (_blobPort + offset).ToString(CultureInfo.InvariantCulture);

    private static string FindBinary()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var binary = Path.Combine(folder.FullName, "node_modules", ".bin", "azurite");
            if (File.Exists(binary))
            {
                return binary;
            }
        }
        throw new InvalidOperationException("No node_modules/.bin/azurite above the test output: run `npm ci` in the repository (./test.sh does).");
    }

    private static int FreePorts()
    {
        for (var first = 10300; first + 2 <= 10399; first += 3)
        {
            if (new[] { first, first + 1, first + 2 }.All(IsFree))
            {
                return first;
            }
        }
        throw new InvalidOperationException("No three free consecutive ports in 127.0.0.1:10300-10399 for Azurite.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
