namespace Pipeline.Core.Access;

/// <summary>
/// Turns a signed-in principal into a <see cref="Caller"/>: a coordinator by app role, a partner
/// user by the partner registry's membership (an Entra ID group or named users), otherwise a
/// signed-in user without access.
/// </summary>
public sealed class CallerResolver(PartnerRegistry partners, AccessOptions options)
{
    public async Task<Caller> ResolveAsync(ClientPrincipal? principal, CancellationToken cancellationToken)
    {
        if (principal is null)
        {
            return Caller.Anonymous;
        }
        if (principal.Roles.Contains(options.CoordinatorRole, StringComparer.OrdinalIgnoreCase))
        {
            return new Caller.Coordinator(principal.User);
        }
        var memberOf = await partners.PartnersOfAsync(principal.UserIds, principal.Groups, cancellationToken);
        return memberOf.Count switch
        {
            1 => new Caller.PartnerUser(memberOf[0].Id, principal.User),
            0 => new Caller.WithoutAccess(principal.User, "You are signed in, but you are not a coordinator and no partner lists you or your groups."),
            _ => new Caller.WithoutAccess(principal.User,
                $"You are listed by more than one partner ({string.Join(", ", memberOf.Select(p => p.Id))}); a user belongs to one partner only. Ask a coordinator to correct the partner registry."),
        };
    }
}
