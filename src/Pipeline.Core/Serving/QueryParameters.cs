namespace Pipeline.Core.Serving;

/// <summary>
/// The query string of a request as plain name/value pairs, whatever the host (Functions or
/// the runner's Kestrel). Names match case-insensitively, as ASP.NET Core reads them.
/// </summary>
public sealed class QueryParameters
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _pairs;

    public QueryParameters(IEnumerable<KeyValuePair<string, string>> pairs) => _pairs = pairs.ToList();

    /// <summary>A list of errors to go on with: one naming the parameters given that are not <paramref name="allowed"/> (in the order given), if any.</summary>
    public List<string> CheckNames(IReadOnlyCollection<string> allowed)
    {
        var errors = new List<string>();
        var unknown = _pairs.Select(pair => pair.Key)
            .Where(name => !allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (unknown.Count > 0)
        {
            errors.Add(UnknownMessage(unknown, allowed));
        }
        return errors;
    }

    /// <summary>
    /// The one value of a parameter, or null when it is absent. Given twice, or given
    /// empty, adds an error and returns null.
    /// </summary>
    public string? One(string name, ICollection<string> errors)
    {
        var values = _pairs.Where(pair => pair.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(pair => pair.Value).ToList();
        if (values.Count == 0)
        {
            return null;
        }
        if (values.Count > 1)
        {
            errors.Add($"{name} is given {values.Count} times: give it once.");
            return null;
        }
        var value = values[0].Trim();
        if (value.Length == 0)
        {
            errors.Add($"{name} is empty: give a value or leave the parameter out.");
            return null;
        }
        return value;
    }

    /// <summary>A month parameter written YYYY-MM; a bad one adds an error.</summary>
    public Lake.Period? Month(string name, ICollection<string> errors)
    {
        var text = One(name, errors);
        if (text is null)
        {
            return null;
        }
        if (Lake.Period.TryParse(text, out var period) && period.Year >= 1900)
        {
            return period;
        }
        errors.Add($"{name} must be a month written YYYY-MM, for example 2026-01; '{text}' is not.");
        return null;
    }

    private static string UnknownMessage(IReadOnlyList<string> unknown, IReadOnlyCollection<string> allowed) =>
        $"Unknown parameter{(unknown.Count == 1 ? "" : "s")}: {string.Join(", ", unknown)}. "
        + (allowed.Count == 0 ? "This address takes no parameters." : $"The parameters here are {string.Join(", ", allowed)}.");
}
