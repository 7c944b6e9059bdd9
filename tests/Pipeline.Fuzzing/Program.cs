using System.Globalization;
using System.Text.Json;
using Pipeline.Fuzzing;
using SharpFuzz;

// pipeline-fuzz instrument DLL...
//   SharpFuzz's instrumentation of the readers' assemblies, in place (the build runs it on this
//   project's own output, so only this program ever loads instrumented readers).
// pipeline-fuzz fuzz --corpus DIR --seconds N [--seed S] --out DIR
//   A bounded coverage-guided run of every reader, N seconds in all; prints one JSON result.
if (args is ["instrument", .. var assemblies])
{
    foreach (var assembly in assemblies)
    {
        Instrumentation.Instrument(assembly);
    }
    return 0;
}
if (args is ["fuzz", .. var options] && Option(options, "--corpus") is { } corpus && Option(options, "--seconds") is { } seconds && Option(options, "--out") is { } output)
{
    CoverageMap.Attach();
    var seed = Option(options, "--seed") is { } given ? int.Parse(given, CultureInfo.InvariantCulture) : Random.Shared.Next();
    var each = TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture) / ReaderTargets.Names.Count);
    var results = ReaderTargets.Names.Select((reader, i) => FuzzRun.Run(reader, corpus, each, seed + i, output)).ToList();
    Console.WriteLine(JsonSerializer.Serialize(new { seed, results }));
    return results.Any(r => r.Crashes.Count > 0) ? 1 : 0;
}
Console.Error.WriteLine("usage: Pipeline.Fuzzing instrument DLL... | fuzz --corpus DIR --seconds N [--seed S] --out DIR");
return 2;

static string? Option(string[] options, string name) =>
    Array.IndexOf(options, name) is var at and >= 0 && at + 1 < options.Length ? options[at + 1] : null;

/// <summary>Which code of an assembly SharpFuzz instruments: the readers and validators of Pipeline.Core, and all of the parsers under them.</summary>
internal static class Instrumentation
{
    public static void Instrument(string assembly)
    {
        var readersOnly = Path.GetFileName(assembly) == "Pipeline.Core.dll";
        try
        {
            Fuzzer.Instrument(assembly, type => !readersOnly || type.StartsWith("Pipeline.Core.Ingestion", StringComparison.Ordinal), Options.Value);
            Console.WriteLine($"instrumented {assembly}");
        }
        catch (InstrumentationException e) when (e.Message.Contains("already instrumented", StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"{assembly}: {e.Message}");
        }
    }
}
