using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Azure;
using Pipeline.Core;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Storage;
using Pipeline.Core.Storage.Local;

namespace Pipeline.Runner;

/// <summary>
/// The runner's composition root: configuration (appsettings.json beside the runner, then
/// <c>Pipeline__*</c> environment variables, then flags) and the lake the flags name.
/// </summary>
public sealed class PipelineContext
{
    private PipelineContext(IConfiguration configuration, PipelineOptions options, IObjectStore objects, ITableStore tables, string description)
    {
        Configuration = configuration;
        Options = options;
        Objects = objects;
        Tables = tables;
        Description = description;
    }

    public IConfiguration Configuration { get; }
    public PipelineOptions Options { get; }
    public IObjectStore Objects { get; }
    public ITableStore Tables { get; }

    /// <summary>Where the lake is, in words for the user.</summary>
    public string Description { get; }

    /// <param name="events">Who hears of accepted uploads: locally, the indicator recompute.</param>
    public IngestionService CreateIngestionService(IIngestionEvents events) =>
        new(Objects, Tables, events, Options, TimeProvider.System, NullLogger<IngestionService>.Instance);

    /// <summary>Where a lake path can be found by the user: a file path locally, container/blob in Azure.</summary>
    public string Locate(string lakePath) =>
        Objects is LocalObjectStore local ? Path.Combine(local.Root, lakePath) : lakePath;

    public static IConfiguration LoadConfiguration() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();

    public static PipelineContext Open(LakeSettings settings, IConfiguration? configuration = null)
    {
        configuration ??= LoadConfiguration();
        var options = configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        if (settings.Storage is not null)
        {
            if (settings.Lake is not null)
            {
                throw new ArgumentException("Use --lake or --storage, not both.");
            }
            var account = ConnectStorage(settings.Storage);
            return new PipelineContext(configuration, options, account.Objects, account.Tables, $"Azure Storage account {account.AccountName}");
        }
        var lake = Path.GetFullPath(settings.Lake ?? configuration[$"{PipelineOptions.Section}:Lake"] ?? "lake");
        return new PipelineContext(configuration, options, new LocalObjectStore(lake), new SqliteTableStore(Path.Combine(lake, "_tables")), lake);
    }

    private static AzureStorageAccount ConnectStorage(string connectionString)
    {
        try
        {
            return AzureStorage.Connect(connectionString);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--storage is not a storage connection string: {e.Message}", e);
        }
    }
}
