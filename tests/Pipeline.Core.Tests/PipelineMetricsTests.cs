using System.Diagnostics.Metrics;

namespace Pipeline.Core.Tests;

/// <summary>What a host listening to the <c>Pipeline</c> meter sees when an upload is processed.</summary>
public sealed class PipelineMetricsTests : IDisposable
{
    private readonly TestLake _lake = TestLake.ForIngestion();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = [];

    public PipelineMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value)));
            }
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _lake.Dispose();
    }

    [Fact]
    public async Task IngestAsync_AcceptedUpload_CountsTheUploadAndItsRows()
    {
        await _lake.IngestAsync("return.csv", Returns.Vacancies(Returns.Row(TestLake.LastMonth), Returns.Row(TestLake.LastMonth, role: "healthcare_assistant")));

        // The meter is process-wide and other tests ingest in parallel: look for this upload's measurements among theirs.
        lock (_measurements)
        {
            Assert.Contains(_measurements, m => m.Instrument == "pipeline.uploads.accepted" && Equals(m.Tags["dataset"], "vacancies"));
            Assert.Contains(_measurements, m => m.Instrument == "pipeline.rows" && m.Value == 2 && Equals(m.Tags["outcome"], "accepted"));
        }
    }
}
