using Microsoft.Playwright;

namespace Pipeline.Integration.Tests.Serving;

/// <summary>Where the keyboard goes on a page.</summary>
internal static class KeyboardFocus
{
    /// <summary>Presses Tab <paramref name="presses"/> times and returns, after each press, what the script <paramref name="focused"/> names.</summary>
    public static async Task<List<string>> TabThroughAsync(IPage page, int presses, string focused)
    {
        var reached = new List<string>();
        for (var i = 0; i < presses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>(focused));
        }
        return reached;
    }
}
