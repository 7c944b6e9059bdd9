using Microsoft.Azure.Functions.Worker;
namespace Pipeline.Functions;
public sealed class Probe
{
    [Function("Probe")]
    public static void Run([TimerTrigger("%Schedule%")] TimerInfo timer) { _ = timer; }
}
