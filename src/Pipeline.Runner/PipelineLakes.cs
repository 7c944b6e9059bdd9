using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Azure;

namespace Pipeline.Runner;

/// <summary>
/// The one place a verb gets the pipeline: turns its <c>--lake</c>/<c>--storage</c> flags into the
/// services of <c>AddPipeline</c> over that lake (<c>AddLocalLake</c> or <c>AddPipelineAzureStorage</c>).
/// Ingestion's events are <see cref="CollectedChanges"/> on either lake: the runner recomputes the
/// indicators itself, once a verb's uploads are in, rather than queueing messages.
/// </summary>
public sealed class PipelineLakes(IConfiguration configuration)
{
    /// <summary>appsettings.json beside the runner, then <c>Pipeline__*</c> environment variables.</summary>
    public static IConfiguration LoadConfiguration() =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();

    /// <param name="customise">Registrations of this verb only, applied last (the demo's key, a feeds file).</param>
    public PipelineContext Open(LakeSettings settings, Action<IServiceCollection>? customise = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Polly", LogLevel.None) // every feed retry, with its stack trace: the feeds table says how each feed ended
            .AddConfiguration(configuration.GetSection("Logging")) // Logging__LogLevel__{category}=Information, to see more of one part
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        AddTo(services, settings);
        customise?.Invoke(services);
        return new PipelineContext(services.BuildServiceProvider());
    }

    /// <summary>Registers the pipeline over the flags' lake in a host's own container (<c>pipeline serve</c>'s web app).</summary>
    public void AddTo(IServiceCollection services, LakeSettings settings)
    {
        services.AddPipeline(configuration);
        services.AddSingleton(AddLake(services, settings));
        services.AddSingleton<CollectedChanges>();
        services.Replace(ServiceDescriptor.Singleton<IIngestionEvents>(provider => provider.GetRequiredService<CollectedChanges>()));
    }

    private LakeLocation AddLake(IServiceCollection services, LakeSettings settings)
    {
        if (settings.Storage is { } connectionString)
        {
            if (settings.Lake is not null)
            {
                throw new ArgumentException("Use --lake or --storage, not both.");
            }
            var account = ConnectStorage(connectionString);
            services.AddPipelineAzureStorage(account);
            return new LakeLocation($"Azure Storage account {account.AccountName}", LocalFolder: null);
        }
        var folder = Path.GetFullPath(settings.Lake ?? configuration[$"{PipelineOptions.Section}:Lake"] ?? "lake");
        services.AddLocalLake(folder);
        return new LakeLocation(folder, folder);
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

/// <summary>Where the lake is, for the user: a folder, or an Azure Storage account.</summary>
public sealed record LakeLocation(string Description, string? LocalFolder)
{
    /// <summary>Where a lake path can be found: a file path locally, container/blob in Azure.</summary>
    public string Locate(string lakePath) => LocalFolder is null ? lakePath : Path.Combine(LocalFolder, lakePath);
}
