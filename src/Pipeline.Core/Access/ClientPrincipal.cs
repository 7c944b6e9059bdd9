using System.Text.Json.Serialization;

namespace Pipeline.Core.Access;

/// <summary>
/// The signed-in user as App Service built-in authentication describes it in the
/// <c>X-MS-CLIENT-PRINCIPAL</c> header: base64 of a JSON object with the token's claims
/// (<c>{"auth_typ":"aad","name_typ":…,"role_typ":…,"claims":[{"typ":…,"val":…},…]}</c>).
/// The platform sets the header on requests it authenticated and removes any copy a client
/// sent, so it is trusted only behind built-in authentication.
/// </summary>
public sealed record ClientPrincipal(string? ObjectId, string? Name, IReadOnlyList<string> SignInNames, IReadOnlyList<string> Roles, IReadOnlyList<string> Groups)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string RoleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    private const string UpnClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    private const string EmailClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    private const string NameClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";

    /// <summary>What a partner's user list may name: the object id and every sign-in name.</summary>
    public IReadOnlyList<string> UserIds => [.. ObjectId is null ? [] : new[] { ObjectId }, .. SignInNames];

    /// <summary>The user for logs and messages: sign-in name and object id, whichever are known.</summary>
    public string User => (SignInNames.Count > 0 ? SignInNames[0] : Name, ObjectId) switch
    {
        ({ } name, { } id) => $"{name} ({id})",
        ({ } name, null) => name,
        (null, { } id) => id,
        _ => "(unnamed)",
    };

    /// <summary>The principal in a header value; null when there is none or it cannot be read (treated as no one signed in).</summary>
    public static ClientPrincipal? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim())));
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
        if (payload?.Claims is not { Count: > 0 } claims)
        {
            return null;
        }
        List<string> Values(params string?[] types) =>
            claims.Where(c => c.Type is not null && c.Value is { Length: > 0 } && types.Contains(c.Type, StringComparer.OrdinalIgnoreCase))
                .Select(c => c.Value!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        return new ClientPrincipal(
            First(Values(ObjectIdClaim, "oid")),
            First(Values(payload.NameType, "name", NameClaim)),
            Values("preferred_username", "upn", UpnClaim, "email", EmailClaim),
            Values(payload.RoleType, "roles", RoleClaim),
            Values("groups"));
    }

    private static string? First(List<string> values) => values.Count > 0 ? values[0] : null;

    private sealed record Payload(
        [property: JsonPropertyName("name_typ")] string? NameType,
        [property: JsonPropertyName("role_typ")] string? RoleType,
        [property: JsonPropertyName("claims")] IReadOnlyList<Claim>? Claims);

    private sealed record Claim(
        [property: JsonPropertyName("typ")] string? Type,
        [property: JsonPropertyName("val")] string? Value);
}
