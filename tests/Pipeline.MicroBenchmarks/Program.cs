using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Pipeline.MicroBenchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
