namespace Pipeline.Core.Uploads;

/// <summary>
/// Which names a file uploaded through the API may have: one plain file name (no folder, no
/// '..', no control characters) of a format the pipeline reads, so that it lands exactly at
/// <c>landing/{partner}/{dataset}/{name}</c> and nowhere else.
/// </summary>
public static class UploadFileNames
{
    public const int MaxLength = 200;

    public static readonly IReadOnlyList<string> Extensions = [".csv", ".xlsx", ".json"];

    /// <summary>Why the name cannot be used, in plain English; null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The file has no name: send it in the X-File-Name header.";
        }
        if (SegmentProblem(name) is { } problem)
        {
            return problem;
        }
        return Extensions.Contains(Path.GetExtension(name).ToLowerInvariant())
            ? null
            : $"'{name}' is not a CSV, XLSX or JSON file: upload the return saved as .csv, .xlsx or .json.";
    }

    /// <summary>Why the text cannot be one segment of a lake path (a name, not a folder); null when it can.</summary>
    public static string? SegmentProblem(string name)
    {
        if (name.Length > MaxLength)
        {
            return $"The file name is {name.Length} characters long; give it at most {MaxLength}.";
        }
        if (name.Contains('/') || name.Contains('\\') || name.Trim() is "." or "..")
        {
            return $"'{name}' is a path, not a file name: send the file's name only, without folders.";
        }
        if (name.Any(char.IsControl) || name != name.Trim() || name.StartsWith('.'))
        {
            return $"'{name}' is not a usable file name: it may not start with a dot or a space, end with a space, or hold control characters.";
        }
        return null;
    }
}
