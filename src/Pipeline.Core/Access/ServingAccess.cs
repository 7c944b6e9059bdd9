using Microsoft.Extensions.Logging;

namespace Pipeline.Core.Access;

/// <summary>
/// What one caller may see of one serving request: refused (401 or 403, with the response to
/// send), or allowed with the partner it is narrowed to (null: everything).
/// </summary>
public sealed record AccessDecision(ServingResponse? Refusal, string? OnlyPartner)
{
    public static AccessDecision Everything { get; } = new(null, null);

    /// <summary>A partner user sees the partnership-level rows and its own partner's; a coordinator every row.</summary>
    public bool MaySee(IndicatorRow row) =>
        OnlyPartner is null
        || row.ScopeType == ScopeTypes.Partnership
        || (row.ScopeType == ScopeTypes.Partner && row.Scope == OnlyPartner);

    public bool MaySeePartner(string partnerId) => OnlyPartner is null || partnerId == OnlyPartner;
}

/// <summary>
/// The one authorisation point of the serving side (SPEC "Who may see what"): every query asks
/// here before it reads anything, and every decision is logged with the caller's identity.
/// No one signed in: 401. Signed in without a role: 403. Coordinators: everything. Partner
/// users: the partnership-level figures and their own partner's, nothing of other partners
/// below partnership level, and no ingestion logs (those are coordinators' only); they upload
/// and read reports for their own partner only.
/// </summary>
public sealed class ServingAccess(ILogger<ServingAccess> logger)
{
    /// <summary>A page (the dashboard): anyone signed in with a role; what it shows is decided by the API it calls.</summary>
    public AccessDecision Page(Caller caller, string page) => caller switch
    {
        Caller.Coordinator => Allow(caller, page, null),
        Caller.PartnerUser user => Allow(caller, page, user.PartnerId),
        _ => RefuseWhoIsAsking(caller, page),
    };

    /// <param name="query">The validated query, or null when its parameters are wrong: then only who is asking is checked.</param>
    public AccessDecision Indicators(Caller caller, IndicatorQuery? query)
    {
        const string Resource = "indicators";
        if (caller is not Caller.PartnerUser user)
        {
            return caller is Caller.Coordinator ? Allow(caller, Resource, null) : RefuseWhoIsAsking(caller, Resource);
        }
        if (query?.ScopeType is { } scopeType && scopeType != ScopeTypes.Partnership && scopeType != ScopeTypes.Partner)
        {
            return Forbid(caller, Resource,
                $"Figures by {scopeType.Replace('_', ' ')} are for coordinators; you can see the partnership's figures and {user.PartnerId}'s.");
        }
        if (query is { ScopeType: ScopeTypes.Partner, Scope: { } scope } && scope != user.PartnerId)
        {
            return Forbid(caller, Resource, $"You can see the figures of {user.PartnerId} only, not those of {scope}.");
        }
        return Allow(caller, Resource, user.PartnerId);
    }

    public AccessDecision Submissions(Caller caller) => caller switch
    {
        Caller.Coordinator => Allow(caller, "submissions", null),
        Caller.PartnerUser user => Allow(caller, "submissions", user.PartnerId),
        _ => RefuseWhoIsAsking(caller, "submissions"),
    };

    public AccessDecision PartnerIngestions(Caller caller, string partnerId) =>
        CoordinatorsOnly(caller, $"ingestions of {partnerId}", "Partners' ingestion logs are for coordinators only.");

    /// <summary>The texts no alias or mapping knows, across partners: for the coordinators who map them.</summary>
    public AccessDecision Unmapped(Caller caller) =>
        CoordinatorsOnly(caller, "unmapped texts", "The texts to map are for coordinators only.");

    public AccessDecision Reprocess(Caller caller) =>
        CoordinatorsOnly(caller, "reprocessing", "Reprocessing refused uploads is for coordinators only.");

    private AccessDecision CoordinatorsOnly(Caller caller, string resource, string reasonForPartnerUsers) => caller switch
    {
        Caller.Coordinator => Allow(caller, resource, null),
        Caller.PartnerUser => Forbid(caller, resource, reasonForPartnerUsers),
        _ => RefuseWhoIsAsking(caller, resource),
    };

    /// <summary>
    /// Sending a file for a partner: that partner's own users only. Coordinators do not upload on a
    /// partner's behalf (the landing zone is the partner's own, write-only prefix; docs/security.md).
    /// </summary>
    public AccessDecision Upload(Caller caller, string partnerId)
    {
        var resource = $"upload for {partnerId}";
        return caller switch
        {
            Caller.PartnerUser user when user.PartnerId == partnerId => Allow(caller, resource, user.PartnerId),
            Caller.PartnerUser user => Forbid(caller, resource, $"You can upload for {user.PartnerId} only, not for {partnerId}."),
            Caller.Coordinator => Forbid(caller, resource,
                "Uploads are made by the partner's own users, so that every file in a partner's folder is the partner's own. Ask the partner to upload it."),
            _ => RefuseWhoIsAsking(caller, resource),
        };
    }

    /// <summary>The uploads list: a partner user its own partner's, a coordinator every partner's.</summary>
    public AccessDecision MyUploads(Caller caller) => caller switch
    {
        Caller.Coordinator => Allow(caller, "uploads", null),
        Caller.PartnerUser user => Allow(caller, "uploads", user.PartnerId),
        _ => RefuseWhoIsAsking(caller, "uploads"),
    };

    /// <summary>A validation report: that partner's users and coordinators.</summary>
    public AccessDecision Report(Caller caller, string partnerId)
    {
        var resource = $"a report of {partnerId}";
        return caller switch
        {
            Caller.Coordinator => Allow(caller, resource, null),
            Caller.PartnerUser user when user.PartnerId == partnerId => Allow(caller, resource, user.PartnerId),
            Caller.PartnerUser user => Forbid(caller, resource, $"You can read the reports of {user.PartnerId} only, not those of {partnerId}."),
            _ => RefuseWhoIsAsking(caller, resource),
        };
    }

    private AccessDecision Allow(Caller caller, string resource, string? onlyPartner)
    {
        logger.LogInformation("Serving {Resource} to {Caller}", resource, caller.Identity);
        return onlyPartner is null ? AccessDecision.Everything : new AccessDecision(null, onlyPartner);
    }

    private AccessDecision RefuseWhoIsAsking(Caller caller, string resource) => caller switch
    {
        Caller.WithoutAccess signedIn => Forbid(caller, resource, signedIn.Reason),
        _ => Refuse(caller, resource, ServingResponse.Unauthorized("Sign in to see this.")),
    };

    private AccessDecision Forbid(Caller caller, string resource, string reason) =>
        Refuse(caller, resource, ServingResponse.Forbidden(reason));

    private AccessDecision Refuse(Caller caller, string resource, ServingResponse refusal)
    {
        logger.LogWarning("Refused {Resource} to {Caller} with {Status}", resource, caller.Identity, refusal.StatusCode);
        return new AccessDecision(refusal, null);
    }
}
