using System.ComponentModel;
using Spectre.Console.Cli;

namespace Pipeline.Runner;

/// <summary>The options every verb that touches the lake shares.</summary>
public class LakeSettings : CommandSettings
{
    [CommandOption("--lake <DIR>")]
    [Description("The local folder lake (default: Pipeline:Lake setting, else ./lake).")]
    public string? Lake { get; init; }

    [CommandOption("--storage <CONNECTION>")]
    [Description("Use Azure Storage (or Azurite) with this connection string instead of a local folder.")]
    public string? Storage { get; init; }

    [CommandOption("--quiet")]
    [Description("No progress display; only results and errors.")]
    public bool Quiet { get; init; }
}

/// <summary>The options of the import verbs: the lake's, and the file.</summary>
public sealed class ImportSettings : LakeSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The CSV file, with the columns the verb's description names.")]
    public string File { get; init; } = "";
}
