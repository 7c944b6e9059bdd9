using Microsoft.Extensions.Time.Testing;
using Pipeline.Synthetic;

namespace Pipeline.Core.Tests.Synthetic;

/// <summary>One generated folder, shared by the tests that only read it.</summary>
public sealed class GeneratedLake : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    public GeneratedLake()
    {
        Folder = Generate(new SyntheticOptions { Partners = 6, Months = 4, Seed = 42 }, Now);
        Manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "manifest.json")));
    }

    public string Folder { get; }

    public JsonDocument Manifest { get; }

    public IEnumerable<JsonElement> Files => Manifest.RootElement.GetProperty("files").EnumerateArray();

    public IEnumerable<JsonElement> GoodFiles(string dataset) =>
        Files.Where(f => f.GetProperty("expected").GetString() == "accepted" && f.GetProperty("dataset").GetString() == dataset);

    public IEnumerable<JsonElement> BadFiles => Files.Where(f => f.GetProperty("expected").GetString() == "refused");

    public string PathOf(JsonElement file) => Path.Combine(Folder, file.GetProperty("path").GetString()!);

    public UploadReader.Table Read(JsonElement file) => UploadReader.Read(PathOf(file), file);

    public static string Generate(SyntheticOptions options, DateTimeOffset now)
    {
        var folder = Path.Combine(Path.GetTempPath(), "generate-" + Guid.NewGuid().ToString("N"));
        new SyntheticLakeGenerator(options, new FakeTimeProvider(now)).Write(folder, null, CancellationToken.None);
        return folder;
    }

    public void Dispose()
    {
        Manifest.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
