namespace Pipeline.Synthetic;

/// <summary>What a generation run wrote, for the command's closing summary.</summary>
public sealed record GenerationSummary(
    string OutputFolder,
    int Partners,
    IReadOnlyList<string> Months,
    int Files,
    int BadFiles,
    long VacancyRows,
    long ExitRows);
