namespace Pipeline.Core.Reference;

/// <summary>The shipped, versioned reference data (SPEC "Reference data"). Loaded once per process.</summary>
public static class ReferenceData
{
    private static readonly Lazy<Taxonomy> LazyRoles = new(() => Taxonomy.Load("roles.csv", hasGroup: true));
    private static readonly Lazy<Taxonomy> LazyReasons = new(() => Taxonomy.Load("reasons.csv", hasGroup: false));
    private static readonly Lazy<Taxonomy> LazyDestinations = new(() => Taxonomy.Load("destinations.csv", hasGroup: false));

    /// <summary>Role codes with their staff group and job-title aliases.</summary>
    public static Taxonomy Roles => LazyRoles.Value;

    /// <summary>Leaving reasons, with the NHS ESR reason texts as aliases.</summary>
    public static Taxonomy Reasons => LazyReasons.Value;

    /// <summary>Where a leaver went, with ASC-WDS wordings as aliases.</summary>
    public static Taxonomy Destinations => LazyDestinations.Value;

    public static IReadOnlyList<string> StaffGroups =>
        Roles.Entries.Select(e => e.Group!).Distinct().ToList();
}
