using CsCheck;

namespace Pipeline.Reliability.Tests;

/// <summary>One generated upload: where it came from (for the report of a failure), its name and bytes.</summary>
public sealed record HostileInput(string Kind, string FileName, byte[] Content)
{
    public override string ToString() => $"{Kind} {FileName} ({Content.Length} bytes): {Convert.ToBase64String(Content.AsSpan(0, Math.Min(Content.Length, 96)))}";
}

/// <summary>The generators of hostile uploads: arbitrary bytes, valid files mutated byte-wise, and CSV cells of any text.</summary>
public static class HostileInputs
{
    private static readonly string[] Extensions = [".csv", ".json", ".xlsx", ".txt", ".tsv"];

    public static readonly Gen<HostileInput> ArbitraryBytes =
        from extension in OneOf(Extensions)
        from content in Gen.Byte.Array[0, 4096]
        select new HostileInput("bytes", "any" + extension, content);

    /// <summary>A valid CSV, JSON or XLSX return with one to eight byte-level edits: flips, deletions, insertions, copies, a cut.</summary>
    public static readonly Gen<HostileInput> MutatedValid =
        from valid in OneOf(ValidSamples())
        from mutations in Mutation.Array[1, 8]
        select new HostileInput("mutated", valid.FileName, mutations.Aggregate(valid.Content, (bytes, mutation) => mutation.Apply(bytes)));

    /// <summary>A CSV with the right header whose cells are any text: quotes, separators, line breaks, control and astral characters.</summary>
    public static readonly Gen<HostileInput> HostileCsvCells =
        from rows in Gen.String[0, 24].Array[10].Array[1, 6]
        from quoteAll in Gen.Bool
        select new HostileInput("csv cells", "cells.csv", Encoding.UTF8.GetBytes(
            Uploads.Header + "\n" + string.Join("\n", rows.Select(cells => string.Join(",", cells.Select(cell => quoteAll ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell))))));

    private static Gen<T> OneOf<T>(T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static Gen<Mutation> Mutation =>
        from kind in Gen.Enum<MutationKind>()
        from at in Gen.Double.Unit
        from length in Gen.Int[1, 64]
        from bytes in Gen.Byte.Array[1, 16]
        select new Mutation(kind, at, length, bytes);

    /// <summary>The valid returns the mutations start from; each is accepted as it is.</summary>
    public static HostileInput[] ValidSamples()
    {
        var month = Uploads.LastMonth;
        var csv = Uploads.Return("nhs-north", "valid.csv", DateTimeOffset.UtcNow, months: 2, vacancies: 5).Content;
        var json = Encoding.UTF8.GetBytes($$"""
            [{"period":"{{month}}","role":"Physio","staff_in_post_fte":8,"staff_in_post_headcount":9,"vacancies_fte":1.5,"starters":0,"leavers":1},
             {"period":"{{month}}","role":"OT","staff_in_post_fte":6,"staff_in_post_headcount":6,"vacancies_fte":0,"starters":1,"leavers":0}]
            """);
        var xlsx = XlsxBuilder.Build(("Return", [
            Uploads.Header.Split(','),
            [month.ToString(), "registered_nurse", "Main", 100, 110, 10, 4, 20, 3, 2],
            [month.AddMonths(-1).ToString(), "healthcare_assistant", "Main", 50, 55, 5, 2, 10, 1, 1],
        ]));
        return [new("valid", "valid.csv", csv), new("valid", "valid.json", json), new("valid", "valid.xlsx", xlsx)];
    }
}

public enum MutationKind
{
    Flip,
    Delete,
    Insert,
    Copy,
    Truncate,
}

public sealed record Mutation(MutationKind Kind, double At, int Length, byte[] Bytes)
{
    public byte[] Apply(byte[] content)
    {
        if (content.Length == 0)
        {
            return Bytes;
        }
        var at = (int)(At * content.Length);
        var length = Math.Min(Length, content.Length - at);
        return Kind switch
        {
            MutationKind.Flip => [.. content[..at], (byte)(content[at] ^ Bytes[0]), .. content[(at + 1)..]],
            MutationKind.Delete => [.. content[..at], .. content[(at + length)..]],
            MutationKind.Insert => [.. content[..at], .. Bytes, .. content[at..]],
            MutationKind.Copy => [.. content[..(at + length)], .. content[at..]],
            _ => content[..at],
        };
    }
}
