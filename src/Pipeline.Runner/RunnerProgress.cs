using Spectre.Console;

namespace Pipeline.Runner;

/// <summary>
/// A progress bar on a terminal; nothing at all with --quiet or when output is redirected. The
/// work's advance may be called from several threads at once (<c>pipeline process --parallel</c>).
/// </summary>
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
        var gate = new Lock();
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(description, maxValue: total);
            await work(() =>
            {
                lock (gate)
                {
                    task.Increment(1);
                }
            });
        });
    }
}
