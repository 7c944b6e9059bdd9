namespace Pipeline.Core.Feeds;

/// <summary>
/// Reads one Adzuna job-search page (<c>results[]</c>). The posted date is the UTC date of
/// <c>created</c>; the role is the longest role alias found in the title, or null.
/// </summary>
public static class AdzunaPostingsParser
{
    public static IReadOnlyList<PostingRecord> Parse(Stream content, string source, DateTime fetchedAt)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            throw new FeedFormatException($"{source} is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("results", out var results)
                || results.ValueKind != JsonValueKind.Array)
            {
                throw new FeedFormatException($"{source} has no results array");
            }
            var postings = new Dictionary<string, PostingRecord>(StringComparer.Ordinal);
            var index = 0;
            foreach (var result in results.EnumerateArray())
            {
                index++;
                var posting = ToPosting(result, $"{source} result {index}", fetchedAt);
                postings[posting.PostingId] = posting;
            }
            return postings.Values.ToList();
        }
    }

    private static PostingRecord ToPosting(JsonElement result, string where, DateTime fetchedAt)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            throw new FeedFormatException($"{where} is not an object");
        }
        var id = Text(result, "id") ?? throw new FeedFormatException($"{where} has no id");
        var title = Text(result, "title") ?? throw new FeedFormatException($"{where} (id {id}) has no title");
        var createdText = Text(result, "created") ?? throw new FeedFormatException($"{where} (id {id}) has no created date");
        if (!DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created))
        {
            throw new FeedFormatException($"{where} (id {id}): created '{createdText}' is not a date and time");
        }
        return new PostingRecord
        {
            PostingId = id,
            PostedDate = DateOnly.FromDateTime(created.UtcDateTime),
            Title = title,
            Role = ReferenceData.Roles.FindWithin(title)?.Code,
            Location = Text(Child(result, "location"), "display_name"),
            SalaryMin = Number(result, "salary_min", where),
            SalaryMax = Number(result, "salary_max", where),
            Employer = Text(Child(result, "company"), "display_name"),
            FetchedAt = fetchedAt,
        };
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : default;

    /// <summary>A string or number property as text; null when absent, null or blank.</summary>
    private static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static double? Number(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }
        if (value.ValueKind == JsonValueKind.String && FeedValues.TryParseNumber(value.GetString()!, out var parsed))
        {
            return parsed;
        }
        throw new FeedFormatException($"{where}: {name} {value.GetRawText()} is not a number");
    }
}
