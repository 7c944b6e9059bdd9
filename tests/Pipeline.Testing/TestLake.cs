using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Pipeline.Testing;

/// <summary>
/// The tests' one lake: a local folder lake in a temp folder with the pipeline's services over it,
/// registered as the hosts register them (<c>AddPipeline</c> + <c>AddLocalLake</c>), a test
/// pseudonymisation key, and every curated change recorded in <see cref="Events"/>.
/// <see cref="ForIngestion"/> adds three partners; <see cref="ForIndicators"/> a fixed clock.
/// </summary>
public sealed partial class TestLake : IDisposable
{
    public static readonly string TestKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("test-key-of-at-least-thirty-two-bytes!"));

    private readonly FakeTimeProvider? _clock;
    private readonly Action<IServiceCollection>? _services;
    private readonly Lazy<ServiceProvider> _provider;

    /// <param name="now">When set, the pipeline's clock is a <see cref="FakeTimeProvider"/> at that time; otherwise the system clock.</param>
    /// <param name="services">Changes to the registration (e.g. a feed server), applied after the pipeline's own.</param>
    public TestLake(Action<PipelineOptions>? configure = null, DateTimeOffset? now = null, Action<IServiceCollection>? services = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "pipeline-test-" + Guid.NewGuid().ToString("N"));
        Options = new PipelineOptions { PseudonymisationKey = TestKey };
        configure?.Invoke(Options);
        _clock = now is { } at ? new FakeTimeProvider(at) : null;
        _services = services;
        _provider = new(() => Registration().BuildServiceProvider());
    }

    public string Root { get; }

    /// <summary>The lake's folder (the same as <see cref="Root"/>).</summary>
    public string Folder => Root;

    public PipelineOptions Options { get; }
    public RecordingEvents Events { get; } = new();

    /// <summary>The pipeline's clock: the fake one when the lake was given a time.</summary>
    public TimeProvider Time => (TimeProvider?)_clock ?? TimeProvider.System;

    public ServiceProvider Services => _provider.Value;
    public IObjectStore Objects => Get<IObjectStore>();
    public ITableStore Tables => Get<ITableStore>();
    public IngestionService Service => Get<IngestionService>();
    public IngestionLog Log => Get<IngestionLog>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A class built from the lake's services as the Functions worker builds a function class.</summary>
    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    /// <summary>The registration behind <see cref="Services"/>, for a test that builds its own container over this lake.</summary>
    public IServiceCollection Registration()
    {
        var services = TestServices.Pipeline().AddLocalLake(Root).AddSingleton(Options).AddSingleton<IIngestionEvents>(Events);
        if (_clock is not null)
        {
            services.AddSingleton<TimeProvider>(_clock);
        }
        _services?.Invoke(services);
        return services;
    }

    public Task AddPartnerAsync(string id, string sector, bool active = true) => AddPartnerAsync(new Partner(id, id, sector, active));

    public Task AddPartnerAsync(Partner partner) => Get<PartnerRegistry>().SaveAsync(partner, CancellationToken.None);

    /// <summary>Every file under a lake folder with its content hash and write time: a snapshot to compare.</summary>
    public IReadOnlyDictionary<string, string> Snapshot(string zoneFolder)
    {
        var folder = Path.Combine(Root, zoneFolder);
        return !Directory.Exists(folder)
            ? new Dictionary<string, string>()
            : Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .ToDictionary(file => Path.GetRelativePath(Root, file),
                    file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))) + File.GetLastWriteTimeUtc(file).Ticks);
    }

    /// <summary>Every row of a table (or of one partition) with its version and values: a snapshot to compare.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TableSnapshotAsync(string table, string? partitionKey = null)
    {
        var rows = new Dictionary<string, string>();
        await foreach (var row in Tables.QueryAsync(table, partitionKey, CancellationToken.None))
        {
            rows.Add($"{row.PartitionKey}/{row.RowKey}", row.ETag + System.Text.Json.JsonSerializer.Serialize(row.Values));
        }
        return rows;
    }

    /// <summary>Every curated row of a dataset.</summary>
    public Task<List<T>> ReadCuratedAsync<T>(string dataset) where T : class, new() =>
        ReadPartsAsync<T>(LakePaths.CuratedDataset(dataset));

    private async Task<List<T>> ReadPartsAsync<T>(string folder) where T : class, new()
    {
        var rows = new List<T>();
        await foreach (var part in Objects.ListAsync(folder, CancellationToken.None))
        {
            await using var stream = await Objects.OpenReadAsync(part.Path, CancellationToken.None);
            await foreach (var row in ParquetFiles.ReadAsync<T>(stream, CancellationToken.None))
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    public void Dispose()
    {
        if (_provider.IsValueCreated)
        {
            _provider.Value.Dispose();
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed class RecordingEvents : IIngestionEvents
{
    public List<CuratedChange> Changes { get; } = [];

    public Task CuratedChangedAsync(CuratedChange change, CancellationToken cancellationToken)
    {
        Changes.Add(change);
        return Task.CompletedTask;
    }
}
