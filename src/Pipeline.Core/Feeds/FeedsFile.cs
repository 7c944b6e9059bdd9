using System.Text.Json.Serialization;

namespace Pipeline.Core.Feeds;

/// <summary>The feeds file of <c>pipeline feeds --config FILE</c>: <c>{"feeds":[...]}</c>, the shape of the <c>Pipeline:Feeds</c> settings.</summary>
public static class FeedsFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <exception cref="InvalidDataException">The file is not JSON of that shape.</exception>
    public static FeedsOptions Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<FeedsOptions>(File.ReadAllBytes(path), Json)
                ?? throw new InvalidDataException($"{path} holds no feeds");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a feeds file: {e.Message}", e);
        }
    }
}
