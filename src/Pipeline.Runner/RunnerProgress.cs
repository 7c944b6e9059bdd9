using Spectre.Console;

namespace Pipeline.Runner;

/// <summary>A progress bar on a terminal; nothing at all with --quiet or when output is redirected.</summary>
public static class RunnerProgress
{
    public static bool Interactive(LakeSettings settings) =>
        !settings.Quiet && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static async Task RunAsync(LakeSettings settings, string description, int total, Func<Action, Task> work)
    {
        if (!Interactive(settings) || total == 0)
        {
            await work(() => { });
            return;
        }
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(description, maxValue: total);
            await work(() => task.Increment(1));
        });
    }
}
