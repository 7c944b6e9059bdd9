using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Benchmarks;

/// <summary>
/// Ingestion of one vacancy return inside this process, for what a child process cannot report:
/// the bytes allocated. Run in a fresh process per size so the peak belongs to that size alone.
/// </summary>
public static class InProcessIngestion
{
    public static async Task RunAsync(int rows, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), "pipeline-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var csv = Path.Combine(work, "return.csv");
            Returns.WriteVacancies(csv, rows, months: 1, Period.Of(DateTimeOffset.UtcNow).AddMonths(-1));
            var lake = Path.Combine(work, "lake");
            var objects = new LocalObjectStore(lake);
            var tables = new SqliteTableStore(Path.Combine(lake, "_tables"));
            await new PartnerRegistry(tables).SaveAsync(new Partner("bench-trust", "Benchmark Trust", "nhs_trust", true), cancellationToken);
            var service = TestServices.Over(objects, tables).BuildServiceProvider().GetRequiredService<IngestionService>();

            GC.Collect();
            var baseline = Process.GetCurrentProcess().WorkingSet64;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var clock = Stopwatch.StartNew();
            await using (var content = File.OpenRead(csv))
            {
                var record = await service.IngestAsync(LakePaths.LandingFile("bench-trust", Datasets.Vacancies, "return.csv"), DateTimeOffset.UtcNow, content, cancellationToken);
                if (record.Status != IngestionStatus.Accepted || record.RowsAccepted != rows)
                {
                    throw new InvalidOperationException($"Expected {rows} accepted rows, got {record.Status} with {record.RowsAccepted}: {record.Message}");
                }
            }
            clock.Stop();
            var process = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rows={rows:N0} file={new FileInfo(csv).Length / 1048576.0:N1}MB seconds={clock.Elapsed.TotalSeconds:N2} rows_per_second={rows / clock.Elapsed.TotalSeconds:N0} peak_working_set={process.PeakWorkingSet64 / 1048576.0:N0}MB baseline={baseline / 1048576.0:N0}MB allocated={(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0:N0}MB gc_gen0/1/2={GC.CollectionCount(0) - collectionsBefore[0]}/{GC.CollectionCount(1) - collectionsBefore[1]}/{GC.CollectionCount(2) - collectionsBefore[2]} gc_pause={GC.GetTotalPauseDuration().TotalSeconds:N2}s cpu={process.TotalProcessorTime.TotalSeconds:N2}s"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
