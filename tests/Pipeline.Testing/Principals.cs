namespace Pipeline.Testing;

/// <summary>
/// X-MS-CLIENT-PRINCIPAL header values shaped as App Service built-in authentication writes
/// them for an Entra ID sign-in: base64 JSON with auth_typ, name_typ, role_typ and the claims.
/// </summary>
public static class Principals
{
    public const string NorthGroup = "6f1c2a52-0b8e-4a57-9d0e-5b1f6c1a0001";
    public const string SunriseUser = "ana.lopez@sunrise-care.example";

    public static string Header(string objectId, string name, IEnumerable<string>? roles = null, IEnumerable<string>? groups = null)
    {
        var claims = new List<object>
        {
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId },
            new { typ = "name", val = name },
            new { typ = "preferred_username", val = name },
        };
        claims.AddRange((roles ?? []).Select(role => new { typ = "roles", val = role }));
        claims.AddRange((groups ?? []).Select(group => new { typ = "groups", val = group }));
        var principal = new
        {
            auth_typ = "aad",
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            claims,
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal)));
    }

    public static string Coordinator { get; } = Header("0c0a0000-0000-0000-0000-00000000c001", "cora.ordinator@partnership.example", roles: ["Coordinator"]);

    /// <summary>A member of north-trust's Entra ID group.</summary>
    public static string NorthUser { get; } = Header("0a0a0000-0000-0000-0000-00000000a001", "nick.north@north-trust.example", groups: [NorthGroup, "unrelated-group"]);

    /// <summary>Named one by one in sunrise-care's user list.</summary>
    public static string Sunrise { get; } = Header("0b0b0000-0000-0000-0000-00000000b001", SunriseUser);

    /// <summary>Signed in, in no partner and without the coordinator role.</summary>
    public static string Stranger { get; } = Header("0d0d0000-0000-0000-0000-00000000d001", "sam.stranger@elsewhere.example", roles: ["Reader"]);
}
