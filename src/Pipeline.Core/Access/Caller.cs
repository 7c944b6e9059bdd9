namespace Pipeline.Core.Access;

/// <summary>
/// Who is asking, as every serving query sees it (SPEC "Who may see what"). In Azure it comes
/// from the signed-in user's Entra ID claims and the partner registry; locally from
/// <c>pipeline serve --as</c>. The kinds are closed: these four and no others.
/// </summary>
public abstract record Caller
{
    private Caller()
    {
    }

    /// <summary>How logs name the caller: the kind and the user's sign-in name and object id, never anything of leavers.</summary>
    public abstract string Identity { get; }

    public static Caller Anonymous { get; } = new Nobody();

    /// <summary>No one is signed in: 401 everywhere.</summary>
    public sealed record Nobody : Caller
    {
        public override string Identity => "anonymous";
    }

    /// <summary>A partnership coordinator (the coordinator app role): sees everything served.</summary>
    public sealed record Coordinator(string User) : Caller
    {
        public override string Identity => $"coordinator {User}";
    }

    /// <summary>A user of exactly one partner: the partnership's figures and that partner's own.</summary>
    public sealed record PartnerUser(string PartnerId, string User) : Caller
    {
        public override string Identity => $"partner {PartnerId} user {User}";
    }

    /// <summary>Signed in, but neither a coordinator nor the user of exactly one partner: 403 everywhere.</summary>
    /// <param name="Reason">Why, in plain English, for the refusal and the log.</param>
    public sealed record WithoutAccess(string User, string Reason) : Caller
    {
        public override string Identity => $"signed-in user {User} without access";
    }
}
