using System.Text.Json.Nodes;

namespace Pipeline.Infra.Tests;

/// <summary>
/// Sign-in with Entra ID through App Service built-in authentication, and no function key
/// anywhere: not in app settings, outputs, the hooks' instructions to people, nor the docs.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class AuthenticationTests(CompiledTemplate template)
{
    private JsonNode Auth =>
        template.OfType("Microsoft.Web/sites/config").Single(c => c.Text("name")!.EndsWith("'authsettingsV2')]", StringComparison.Ordinal)).Properties!;

    [Fact]
    public void BuiltInAuthentication_Enabled_RequiredWithUnauthenticatedCalls401()
    {
        Assert.True(Auth["platform"]!["enabled"]!.GetValue<bool>());
        var validation = Auth["globalValidation"]!;
        Assert.True(validation["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("Return401", validation["unauthenticatedClientAction"]!.GetValue<string>());
        Assert.True(Auth["httpSettings"]!["requireHttps"]!.GetValue<bool>());
    }

    [Fact]
    public void BuiltInAuthentication_ExcludedPaths_OnlyTheTwoPagesAndTheBlobWebhook()
    {
        var site = template.Resource("Microsoft.Web/sites", "api");
        var excluded = Auth["globalValidation"]!["excludedPaths"]!.GetValue<string>();

        Assert.Equal("[variables('authExcludedPaths')]", excluded);
        Assert.Equal(["/api/dashboard", "/api/upload", "/runtime/webhooks/blobs"], site.Variable("authExcludedPaths")!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public void EntraIdProvider_Registration_TheAppRegistrationParametersOfMainBicep()
    {
        var entra = Auth["identityProviders"]!["azureActiveDirectory"]!;

        Assert.True(entra["enabled"]!.GetValue<bool>());
        Assert.Equal("[parameters('authClientId')]", entra["registration"]!["clientId"]!.GetValue<string>());
        Assert.Equal("[format('{0}{1}/v2.0', environment().authentication.loginEndpoint, parameters('authTenantId'))]",
            entra["registration"]!["openIdIssuer"]!.GetValue<string>());
        Assert.Equal("[union(createArray(parameters('authClientId')), parameters('authAllowedAudiences'))]",
            entra["validation"]!["allowedAudiences"]!.GetValue<string>());
        Assert.Null(entra["registration"]!["clientSecretSettingName"]);
        Assert.Equal("[parameters('authClientId')]", template.Deployment("api")["properties"]!["parameters"]!["authClientId"]!["value"]!.GetValue<string>());
        Assert.Null(template.Main["parameters"]!["authClientId"]!["defaultValue"]);
    }

    [Fact]
    public void CoordinatorRole_Default_TheAppRoleDeclaredForTheAppRegistration()
    {
        var roles = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "entra", "app-roles.json")))!.AsArray();
        var settings = AppSettings.Of(template);

        var role = Assert.Single(roles)!;
        Assert.Equal(template.ModuleParameter("api", "coordinatorRole")!.GetValue<string>(), role["value"]!.GetValue<string>());
        Assert.Equal(["User"], role["allowedMemberTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("[parameters('coordinatorRole')]", settings.Literal["Pipeline__Access__CoordinatorRole"]);
    }

    [Fact]
    public void ParametersFile_AuthClientId_FromTheAzdEnvironment()
    {
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Infra, "main.parameters.json")))!["parameters"]!;

        Assert.Equal("${AUTH_CLIENT_ID}", parameters["authClientId"]!["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("code=")]
    [InlineData("functionKey")]
    [InlineData("function_key")]
    [InlineData("x-functions-key")]
    [InlineData("listkeys")]
    [InlineData("host/default")]
    public void AppSettingsAndOutputs_FunctionKey_Nowhere(string text)
    {
        var settings = AppSettings.Of(template);
        var outputs = template.Main["outputs"]!.ToJsonString();

        Assert.DoesNotContain(settings.Literal, pair => pair.Key.Contains(text, StringComparison.OrdinalIgnoreCase) || pair.Value.Contains(text, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(settings.Computed, expression => expression.Contains(text, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(text, outputs, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Outputs_SignInAddress_TheDashboardAfterSignInWithoutKey()
    {
        var output = template.Main["outputs"]!["AUTH_SIGN_IN_URL"]!["value"]!.GetValue<string>();

        Assert.Contains("/.auth/login/aad?post_login_redirect_uri=/api/dashboard", output, StringComparison.Ordinal);
    }

    // What people are told to do: a key in a URL or a header, or a command that makes or reads one.
    public static TheoryData<string> KeyInstructions() =>
        ["?code=", "&code=KEY", "code=$KEY", "x-functions-key", "function keys set", "functionapp function keys", "functionapp keys",
         "with a function key", "with the function key", "AuthorizationLevel.Function"];

    [Theory]
    [MemberData(nameof(KeyInstructions))]
    public void Docs_FunctionKeyInstructions_Nowhere(string text)
    {
        var docs = Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Append(Path.Combine(Repository.Root, "README.md")).Where(File.Exists);

        var mentioning = docs.Where(path => File.ReadAllText(path).Contains(text, StringComparison.OrdinalIgnoreCase)).Select(Path.GetFileName);

        Assert.Empty(mentioning);
    }
}
