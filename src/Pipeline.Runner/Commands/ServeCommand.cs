using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

public sealed class ServeSettings : LakeSettings
{
    public const string LocalUser = "local";
    private const string PartnerPrefix = "partner:";

    [CommandOption("--urls <URL>")]
    [Description("Where to listen (default http://127.0.0.1:7071, loopback only). Several URLs are separated by ';'.")]
    public string Urls { get; init; } = ServeApi.DefaultUrls;

    [CommandOption("--as <CALLER>")]
    [Description("Who the caller is: coordinator (default), partner:ID (a user of that registered partner), or anonymous (no one signed in).")]
    public string As { get; init; } = "coordinator";

    public override ValidationResult Validate()
    {
        if (As is "coordinator" or "anonymous")
        {
            return ValidationResult.Success();
        }
        return As.StartsWith(PartnerPrefix, StringComparison.Ordinal) && PartnerIds.IsValid(As[PartnerPrefix.Length..])
            ? ValidationResult.Success()
            : ValidationResult.Error($"--as must be coordinator, anonymous or partner:ID with a partner id (2 to 40 of a-z, 0-9 and '-'); '{As}' is none of them.");
    }

    /// <summary>The caller <see cref="As"/> names; every request is answered as this caller.</summary>
    public Caller Caller() => As switch
    {
        "coordinator" => new Caller.Coordinator(LocalUser),
        "anonymous" => Core.Access.Caller.Anonymous,
        _ => new Caller.PartnerUser(As[PartnerPrefix.Length..], LocalUser),
    };
}

/// <summary><c>pipeline serve</c>: the HTTP API and the dashboard on this machine for one caller, until Ctrl+C.</summary>
public sealed class ServeCommand(PipelineLakes lakes) : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        var caller = settings.Caller();
        await using var app = ServeApi.Build(settings.Urls, caller, services => lakes.AddTo(services, settings));
        var lake = app.Services.GetRequiredService<LakeLocation>().Description;
        if (caller is Caller.PartnerUser user
            && await app.Services.GetRequiredService<PartnerRegistry>().FindAsync(user.PartnerId, cancellationToken) is null)
        {
            AnsiConsole.MarkupLine($"[red]No partner '{Markup.Escape(user.PartnerId)}' is registered in {Markup.Escape(lake)}.[/]");
            return RunnerApp.UsageOrSystemError;
        }
        await app.StartAsync(cancellationToken);
        AnsiConsole.MarkupLine($"Serving the lake at {Markup.Escape(lake)} as {Markup.Escape(caller.Identity)}.");
        foreach (var url in app.Urls)
        {
            AnsiConsole.MarkupLine($"Open [link]{Markup.Escape(url.TrimEnd('/') + ServeApi.DashboardPath)}[/] in a browser.");
            AnsiConsole.MarkupLine($"The API is under {Markup.Escape(url.TrimEnd('/'))}/api/ (see docs/api.md).");
        }
        AnsiConsole.MarkupLine("Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync(cancellationToken);
        return RunnerApp.Ok;
    }
}
