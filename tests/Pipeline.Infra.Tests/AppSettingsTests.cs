using System.Text.Json.Nodes;

namespace Pipeline.Infra.Tests;

[Collection(CompiledTemplateCollection.Name)]
public sealed class AppSettingsTests(CompiledTemplate template)
{
    private readonly AppSettings _settings = AppSettings.Of(template);

    // The names fixed for the whole team (identity-based connections, settings the code reads by name).
    public static TheoryData<string> ExpectedSettings() =>
    [
        "AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri",
        "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "PipelineStorage__blobServiceUri", "PipelineStorage__queueServiceUri", "PipelineStorage__tableServiceUri",
        "PipelineStorage__credential", "PipelineStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "Pipeline__PseudonymisationKey", "Pipeline__SuppressionThreshold", "FeedsSchedule", "IndicatorsSchedule",
    ];

    [Theory]
    [MemberData(nameof(ExpectedSettings))]
    public void AppSettings_NameTheCodeReads_Set(string name)
    {
        Assert.Contains(name, _settings.Literal.Keys);
    }

    [Fact]
    public void AppSettings_FunctionsMetadata_EveryBindingSettingSet()
    {
        var functions = JsonNode.Parse(File.ReadAllText(Repository.FunctionsMetadata()))!.AsArray();

        var missing = BindingSettings.Required(functions).Where(name => !_settings.Literal.ContainsKey(name));

        Assert.Empty(missing);
    }

    [Fact]
    public void AppSettings_FunctionsMetadata_TriggersUseDeployedContainersAndQueues()
    {
        var functions = JsonNode.Parse(File.ReadAllText(Repository.FunctionsMetadata()))!.AsArray();
        var zones = template.ModuleParameter("lake", "zones")!.AsArray().Select(z => z!.GetValue<string>());
        var queues = template.ModuleParameter("lake", "queues")!.AsArray().Select(q => q!.GetValue<string>());

        Assert.Subset(zones.ToHashSet(), BindingSettings.Containers(functions, "blobTrigger", "path").ToHashSet());
        Assert.Subset(queues.ToHashSet(), BindingSettings.Containers(functions, "queueTrigger", "queueName").ToHashSet());
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("PipelineStorage")]
    public void StorageConnection_Credential_ManagedIdentityOfTheAppIdentity(string connection)
    {
        Assert.Equal("managedidentity", _settings.Literal[$"{connection}__credential"]);
        Assert.Equal("[parameters('identityClientId')]", _settings.Literal[$"{connection}__clientId"]);
        Assert.DoesNotContain(connection, _settings.Literal.Keys);
    }

    [Fact]
    public void ApplicationInsights_Authentication_EntraIdWithTheAppIdentity()
    {
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", _settings.Literal["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void PseudonymisationKey_Value_KeyVaultReference()
    {
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/{1}/)', parameters('keyVaultUri'), ", _settings.Literal["Pipeline__PseudonymisationKey"]);
    }

    [Theory]
    [InlineData("feedsSchedule", "0 0 2 * * *")]
    [InlineData("indicatorsSchedule", "0 30 3 * * *")]
    [InlineData("suppressionThreshold", 7)]
    public void Defaults_ScheduleAndThreshold_AsTheTeamAgreed(string parameter, object expected)
    {
        Assert.Equal(expected.ToString(), template.ModuleParameter("api", parameter)!.ToString());
    }

    [Theory]
    [InlineData("name")]
    [InlineData("kind")]
    [InlineData("url")]
    [InlineData("maxPages")]
    [InlineData("apiKeyEnv")]
    public void FeedSettings_EveryFeedProperty_BecomesAnIndexedSetting(string property)
    {
        Assert.Contains(_settings.Computed, expression => expression.Contains($"format('Pipeline__Feeds__{{0}}__{property}', lambdaVariables('i'))", StringComparison.Ordinal));
    }

    [Fact]
    public void FeedApiKeys_Value_KeyVaultReference()
    {
        var keys = Assert.Single(_settings.Computed, e => e.Contains("apiKeyEnv", StringComparison.Ordinal) && !e.Contains("Pipeline__Feeds__", StringComparison.Ordinal));

        Assert.Contains("format('@Microsoft.KeyVault(SecretUri={0}secrets/{1}/)'", keys);
    }

    [Fact]
    public void AppSettings_Values_NoKeysSecretsOrConnectionStrings()
    {
        var everything = string.Join('\n', _settings.Literal.Values.Concat(_settings.Computed));

        Assert.DoesNotContain("AccountKey", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("list", everything.Replace("lambda", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_settings.Literal.Keys, k => k.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) || k.StartsWith("AzureWebJobsStorage", StringComparison.Ordinal) && !k.Contains("__", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    public void AppSettings_FlexConsumption_NoSettingsItRejects(string name)
    {
        Assert.DoesNotContain(name, _settings.Literal.Keys);
    }
}

public sealed class BindingSettingsTests
{
    private const string Metadata = """
        [
          { "name": "IngestExtract", "bindings": [
            { "name": "blob", "type": "blobTrigger", "direction": "In", "path": "landing/{partner}/{dataset}/{name}", "connection": "PipelineStorage", "source": "EventGrid" } ] },
          { "name": "PullLabourMarketFeeds", "bindings": [
            { "name": "timer", "type": "timerTrigger", "direction": "In", "schedule": "%FeedsSchedule%" } ] },
          { "name": "ComputeIndicators", "bindings": [
            { "name": "message", "type": "queueTrigger", "direction": "In", "queueName": "indicator-recompute" } ] },
          { "name": "GetIndicators", "bindings": [
            { "name": "req", "type": "httpTrigger", "direction": "In", "authLevel": "Function", "methods": [ "get" ] } ] }
        ]
        """;

    [Fact]
    public void Required_BlobTriggerWithConnection_BlobAndQueueUrisWithIdentity()
    {
        var required = BindingSettings.Required(JsonNode.Parse(Metadata)!.AsArray());

        Assert.Contains("PipelineStorage__blobServiceUri", required);
        Assert.Contains("PipelineStorage__queueServiceUri", required);
        Assert.Contains("PipelineStorage__credential", required);
        Assert.Contains("PipelineStorage__clientId", required);
        Assert.DoesNotContain("PipelineStorage__tableServiceUri", required);
    }

    [Fact]
    public void Required_QueueTriggerWithoutConnection_HostStorageConnection()
    {
        var required = BindingSettings.Required(JsonNode.Parse(Metadata)!.AsArray());

        Assert.Contains("AzureWebJobsStorage__queueServiceUri", required);
        Assert.Contains("AzureWebJobsStorage__clientId", required);
    }

    [Fact]
    public void Required_PercentExpression_TheSettingItNames()
    {
        var required = BindingSettings.Required(JsonNode.Parse(Metadata)!.AsArray());

        Assert.Contains("FeedsSchedule", required);
        Assert.Equal(8, required.Count);
    }

    [Fact]
    public void Containers_BlobTriggerPath_FirstSegment()
    {
        var functions = JsonNode.Parse(Metadata)!.AsArray();

        Assert.Equal(["landing"], BindingSettings.Containers(functions, "blobTrigger", "path"));
        Assert.Equal(["indicator-recompute"], BindingSettings.Containers(functions, "queueTrigger", "queueName"));
    }
}
