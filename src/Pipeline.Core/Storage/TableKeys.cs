namespace Pipeline.Core.Storage;

/// <summary>Makes any text usable as a table key: Azure Tables forbid / \ # ? and control characters.</summary>
public static class TableKeys
{
    public static string Safe(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c);
        }
        return builder.ToString();
    }
}
