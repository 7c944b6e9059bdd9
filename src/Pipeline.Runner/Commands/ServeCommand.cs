using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Pipeline.Runner.Commands;

public sealed class ServeSettings : LakeSettings
{
    [CommandOption("--urls <URL>")]
    [Description("Where to listen (default http://127.0.0.1:7071). Several URLs are separated by ';'.")]
    public string Urls { get; init; } = ServeApi.DefaultUrls;
}

/// <summary><c>pipeline serve</c>: the HTTP API and the coordinators' dashboard on this machine, until Ctrl+C.</summary>
public sealed class ServeCommand(PipelineLakes lakes) : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        await using var app = ServeApi.Build(settings.Urls, services => lakes.AddTo(services, settings));
        await app.StartAsync(cancellationToken);
        AnsiConsole.MarkupLine($"Serving the lake at {Markup.Escape(app.Services.GetRequiredService<LakeLocation>().Description)}.");
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
