using Pipeline.Azure;

namespace Pipeline.Integration.Tests.Storage;

/// <summary>The Azurite instance ./test.sh starts; tests that need it fail (never skip) without it.</summary>
public static class Azurite
{
    public const string Variable = "PIPELINE_TEST_STORAGE";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with ./test.sh, which starts Azurite and sets it to Azurite's connection string.");

    public static AzureStorageAccount Connect() => AzureStorage.Connect(ConnectionString);
}
