using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Pipeline.Azure;

/// <summary>
/// One storage account's clients and the pipeline's stores over them. Create one per
/// process: the SDK clients are thread-safe and meant to be shared.
/// </summary>
public sealed class AzureStorageAccount
{
    public AzureStorageAccount(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
    {
        Blobs = blobs;
        Queues = queues;
        TableService = tables;
        Objects = new BlobObjectStore(blobs);
        Tables = new AzureTableStore(tables);
    }

    public string AccountName => Blobs.AccountName;
    public BlobServiceClient Blobs { get; }

    /// <summary>Sends and reads base64 message text, as the Functions queue trigger expects.</summary>
    public QueueServiceClient Queues { get; }

    public TableServiceClient TableService { get; }
    public IObjectStore Objects { get; }
    public ITableStore Tables { get; }
}

/// <summary>Connects to Azure Storage (or Azurite) by connection string or by identity.</summary>
public static class AzureStorage
{
    /// <summary>The connection name of the pipeline's storage account in app settings.</summary>
    public const string DefaultConnectionName = "PipelineStorage";

    public static AzureStorageAccount Connect(string connectionString) =>
        new(new BlobServiceClient(connectionString),
            new QueueServiceClient(connectionString, QueueOptions()),
            new TableServiceClient(connectionString));

    /// <summary>Identity-based: each service by its URI, authenticated with the credential.</summary>
    public static AzureStorageAccount Connect(Uri blobServiceUri, Uri queueServiceUri, Uri tableServiceUri, TokenCredential credential) =>
        new(new BlobServiceClient(blobServiceUri, credential),
            new QueueServiceClient(queueServiceUri, credential, QueueOptions()),
            new TableServiceClient(tableServiceUri, credential));

    /// <summary>
    /// Reads the connection the way the Functions host reads a binding's <c>Connection</c>:
    /// a connection string in <c>{name}</c>, else <c>{name}:blobServiceUri</c>,
    /// <c>:queueServiceUri</c>, <c>:tableServiceUri</c> with <c>:credential</c>
    /// (<c>managedidentity</c>) and <c>:clientId</c> (a user-assigned identity).
    /// </summary>
    public static AzureStorageAccount Connect(IConfiguration configuration, string connectionName = DefaultConnectionName)
    {
        var connectionString = configuration[connectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return Connect(connectionString);
        }
        var section = configuration.GetSection(connectionName);
        return Connect(
            RequiredUri(section, "blobServiceUri"),
            RequiredUri(section, "queueServiceUri"),
            RequiredUri(section, "tableServiceUri"),
            Credential(section["credential"], section["clientId"]));
    }

    public static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    private static TokenCredential Credential(string? kind, string? clientId)
    {
        var hasClientId = !string.IsNullOrWhiteSpace(clientId);
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(hasClientId ? ManagedIdentityId.FromUserAssignedClientId(clientId!) : ManagedIdentityId.SystemAssigned);
        }
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = hasClientId ? clientId : null });
    }

    private static Uri RequiredUri(IConfigurationSection section, string key)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException(
                $"Storage connection '{section.Path}' is not configured: set '{section.Path}' to a connection string, " +
                $"or '{section.Path}:{key}' (with blobServiceUri, queueServiceUri and tableServiceUri) to the service's URI.");
        }
        return uri;
    }
}
