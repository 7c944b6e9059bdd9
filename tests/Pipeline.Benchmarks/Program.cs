using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Lake;
using Pipeline.Core.Partners;
using Pipeline.Core.Storage.Local;
using Pipeline.Tests.Shared;

// Ingestion throughput and peak memory for one large vacancy return, measured in a fresh
// process per size so the peak belongs to that size alone:
//   dotnet run -c Release --project tests/Pipeline.Benchmarks -- 1000000
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var work = Path.Combine(Path.GetTempPath(), "pipeline-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
try
{
    var csv = Path.Combine(work, "return.csv");
    var month = Period.Of(DateTimeOffset.UtcNow).AddMonths(-1);
    WriteReturn(csv, rows, month);
    var lake = Path.Combine(work, "lake");
    var objects = new LocalObjectStore(lake);
    var tables = new SqliteTableStore(Path.Combine(lake, "_tables"));
    await new PartnerRegistry(tables).SaveAsync(new Partner("bench-trust", "Benchmark Trust", "nhs_trust", true), default);
    var service = TestServices.Over(objects, tables).BuildServiceProvider().GetRequiredService<IngestionService>();

    GC.Collect();
    var baseline = Process.GetCurrentProcess().WorkingSet64;
    var clock = Stopwatch.StartNew();
    await using (var content = File.OpenRead(csv))
    {
        var record = await service.IngestAsync(LakePaths.LandingFile("bench-trust", Datasets.Vacancies, "return.csv"), DateTimeOffset.UtcNow, content, default);
        if (record.Status != IngestionStatus.Accepted || record.RowsAccepted != rows)
        {
            throw new InvalidOperationException($"Expected {rows} accepted rows, got {record.Status} with {record.RowsAccepted}: {record.Message}");
        }
    }
    clock.Stop();
    var process = Process.GetCurrentProcess();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"rows={rows:N0} file={new FileInfo(csv).Length / 1048576.0:N1}MB seconds={clock.Elapsed.TotalSeconds:N2} rows_per_second={rows / clock.Elapsed.TotalSeconds:N0} peak_working_set={process.PeakWorkingSet64 / 1048576.0:N0}MB baseline={baseline / 1048576.0:N0}MB allocated={GC.GetTotalAllocatedBytes() / 1048576.0:N0}MB"));
}
finally
{
    Directory.Delete(work, recursive: true);
}

// A realistic return: every row a distinct (role, site), so the duplicate check sees a million keys.
static void WriteReturn(string path, int rows, Period month)
{
    string[] roles = ["Staff Nurse", "HCA", "RMN", "Carer", "Senior Carer", "Physio", "OT", "Admin", "Porter", "Pharmacist"];
    using var writer = new StreamWriter(path);
    writer.WriteLine("Period,Role,Site,Establishment (FTE),Staff in post (FTE),Headcount,Vacancies (FTE),Adverts,Applications,Starters,Leavers,Agency FTE,Bank FTE");
    var random = new Random(42);
    for (var i = 0; i < rows; i++)
    {
        var inPost = Math.Round(20 + random.NextDouble() * 80, 2);
        var vacancies = Math.Round(random.NextDouble() * 10, 2);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{month},{roles[i % roles.Length]},Site {i / roles.Length:D7},{inPost + vacancies},{inPost},{(int)inPost + 3},{vacancies},{random.Next(5)},{random.Next(40)},{random.Next(4)},{random.Next(4)},{Math.Round(random.NextDouble() * 2, 2)},{Math.Round(random.NextDouble(), 2)}"));
    }
}
