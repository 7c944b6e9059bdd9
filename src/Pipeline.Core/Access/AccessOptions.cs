namespace Pipeline.Core.Access;

/// <summary>Sign-in settings, bound from the configuration section <c>Pipeline:Access</c>.</summary>
public sealed class AccessOptions
{
    public const string Section = "Pipeline:Access";

    /// <summary>The app role (value) of the app registration that makes a user a coordinator.</summary>
    public string CoordinatorRole { get; set; } = "Coordinator";
}
