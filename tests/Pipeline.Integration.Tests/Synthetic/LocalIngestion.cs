using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core;
using Pipeline.Core.Ingestion;
using Pipeline.Core.Partners;
using Pipeline.Core.Storage.Local;
using Pipeline.Tests.Shared;

namespace Pipeline.Integration.Tests.Synthetic;

/// <summary>An ingestion service over a local folder lake with the given partners registered and a pseudonymisation key.</summary>
internal static class LocalIngestion
{
    public static async Task<IngestionService> OpenAsync(string dir, IEnumerable<Partner> partners)
    {
        var tables = new SqliteTableStore(Path.Combine(dir, "_tables"));
        var registry = new PartnerRegistry(tables);
        foreach (var partner in partners)
        {
            await registry.SaveAsync(partner, CancellationToken.None);
        }
        var options = new PipelineOptions { PseudonymisationKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-test-key-of-at-least-thirty-two-bytes")) };
        return TestServices.Over(new LocalObjectStore(dir), tables).AddSingleton(options).BuildServiceProvider().GetRequiredService<IngestionService>();
    }
}
