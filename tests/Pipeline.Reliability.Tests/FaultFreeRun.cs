namespace Pipeline.Reliability.Tests;

/// <summary>What a set of uploads leaves when nothing goes wrong: the yardstick of every run with faults, crashes or races.</summary>
public sealed record FaultFreeRun(LakeState Curated, IReadOnlyList<string> Indicators, int StorageCalls)
{
    /// <param name="partners">The partners registered, as in the lake compared with it: <see cref="Uploads.Partners"/> unless given.</param>
    public static async Task<FaultFreeRun> OfAsync(IReadOnlyList<Upload> uploads, IEnumerable<string>? partners = null)
    {
        using var lake = new ReliabilityLake(partners);
        lake.Faults.Reset();
        foreach (var upload in uploads)
        {
            await lake.IngestAsync(upload);
        }
        var calls = lake.Faults.Calls;
        return new FaultFreeRun(await LakeState.ReadAsync(lake.Objects, default), await IndicatorState.ReadAsync(lake.Tables, default), calls);
    }
}
