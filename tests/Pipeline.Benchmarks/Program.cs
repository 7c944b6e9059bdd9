using Pipeline.Benchmarks;

// dotnet run -c Release --project tests/Pipeline.Benchmarks -- whole-run --sizes 1m [--label NAME]
//   the real `pipeline` CLI next to DuckDB on the same generated files; writes docs/benchmarks/NAME.json and docs/performance.md.
// dotnet run -c Release --project tests/Pipeline.Benchmarks -- in-process 1000000
//   one ingestion inside this process, with the bytes it allocated.
// dotnet run -c Release --project tests/Pipeline.Benchmarks -- report
//   rewrites docs/performance.md's results from docs/benchmarks/*.json.
// dotnet run -c Release --project tests/Pipeline.Benchmarks -- returns DIR 1000000
//   writes the whole run's uploads (interleaved, one month, exits) to DIR, to profile `pipeline ingest` on them.
// duckdb-copy and duckdb-indicators are the harness's own child processes.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var command = args.Length > 0 ? args[0] : "whole-run";
switch (command)
{
    case "whole-run":
        await WholeRun.RunAsync(WholeRunOptions.Parse(args[1..]), cancellation.Token);
        break;
    case "in-process":
        await InProcessIngestion.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000, cancellation.Token);
        break;
    case "report":
        await PerformanceReport.RewriteAsync(WholeRunOptions.Parse(args[1..]).Repository, cancellation.Token);
        break;
    case "returns":
        WholeRun.WriteReturns(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        break;
    case "duckdb-copy":
        DuckDbSide.Copy(args[1], args[2]);
        break;
    case "duckdb-indicators":
        DuckDbSide.VacancyIndicators(args[1], args[2]);
        break;
    default:
        Console.Error.WriteLine($"Unknown command '{command}': whole-run, in-process, report, returns, duckdb-copy or duckdb-indicators.");
        return 2;
}
return 0;
