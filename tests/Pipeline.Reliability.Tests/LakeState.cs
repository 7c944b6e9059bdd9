namespace Pipeline.Reliability.Tests;

/// <summary>What a reader of the curated vacancies sees: each partition's visible parts and their rows.</summary>
public sealed record LakeState(IReadOnlyDictionary<string, Partition> Partitions)
{
    /// <param name="partners">Only these partners' partitions (a lake other tests share); every partition when null.</param>
    public static async Task<LakeState> ReadAsync(IObjectStore objects, CancellationToken cancellationToken, IReadOnlySet<string>? partners = null)
    {
        var parts = new List<string>();
        await foreach (var item in objects.ListAsync(LakePaths.CuratedDataset(Datasets.Vacancies), cancellationToken))
        {
            if (!LakePaths.IsHidden(item.Path) && (partners is null || partners.Contains(PartnerOf(item.Path))))
            {
                parts.Add(item.Path);
            }
        }
        var partitions = new Dictionary<string, Partition>();
        foreach (var group in parts.GroupBy(path => path[..(path.LastIndexOf('/') + 1)]))
        {
            var rows = new List<string>();
            foreach (var part in group)
            {
                try
                {
                    await using var stream = await objects.OpenReadAsync(part, cancellationToken);
                    await foreach (var row in ParquetFiles.ReadAsync<VacancyRecord>(stream, cancellationToken))
                    {
                        rows.Add(JsonSerializer.Serialize(row));
                    }
                }
                catch (FileNotFoundException)
                {
                    // Replaced between the listing and the read: the reader lists again next time.
                }
            }
            rows.Sort(StringComparer.Ordinal);
            partitions[group.Key] = new Partition(group.Order(StringComparer.Ordinal).ToList(), rows);
        }
        return new LakeState(partitions);
    }

    private static string PartnerOf(string path) =>
        path.Split('/').FirstOrDefault(segment => segment.StartsWith("partner=", StringComparison.Ordinal))?["partner=".Length..] ?? "";

    /// <summary>Rows of <paramref name="expected"/> missing here, and rows here that it does not have (each counted with multiplicity).</summary>
    public (int Lost, int Duplicated) CompareRows(LakeState expected)
    {
        var lost = 0;
        var duplicated = 0;
        foreach (var key in Partitions.Keys.Union(expected.Partitions.Keys))
        {
            var mine = Partitions.TryGetValue(key, out var here) ? here.Rows : [];
            var theirs = expected.Partitions.TryGetValue(key, out var there) ? there.Rows : [];
            var counts = theirs.CountBy(row => row).ToDictionary(pair => pair.Key, pair => pair.Value);
            foreach (var row in mine)
            {
                if (counts.TryGetValue(row, out var left) && left > 0)
                {
                    counts[row] = left - 1;
                }
                else
                {
                    duplicated++;
                }
            }
            lost += counts.Values.Sum();
        }
        return (lost, duplicated);
    }

    public int PartitionsWithTwoParts => Partitions.Values.Count(p => p.Parts.Count > 1);

    /// <summary>
    /// Uploads that own some but not all of the partitions they own in <paramref name="expected"/>:
    /// half of a multi-period upload applied, as a reader would see it.
    /// </summary>
    public int PartialUploads(LakeState expected, IEnumerable<Upload> uploads) =>
        uploads.Count(upload =>
        {
            var part = $"part-{LakePaths.Sha8(upload.Sha256)}.parquet";
            var owned = expected.Partitions.Where(p => p.Value.Parts.Any(path => path.EndsWith(part, StringComparison.Ordinal))).Select(p => p.Key).ToList();
            var visible = owned.Count(key => Partitions.TryGetValue(key, out var here) && here.Parts.Any(path => path.EndsWith(part, StringComparison.Ordinal)));
            return visible > 0 && visible < owned.Count;
        });
}

/// <summary>The indicators the serving table holds, without when they were computed: what two runs over the same lake must agree on.</summary>
public static class IndicatorState
{
    public static async Task<IReadOnlyList<string>> ReadAsync(ITableStore tables, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        await foreach (var row in new IndicatorStore(tables).ReadAsync(null, cancellationToken))
        {
            rows.Add(string.Join('|', row.Indicator, row.Period, row.ScopeType, row.Scope, row.Value, row.Numerator, row.Denominator, row.Suppressed, row.PartnersReporting));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>The rows of the partner scope for these partners: all that is the test's own in a lake other tests share.</summary>
    public static IReadOnlyList<string> OfPartners(IReadOnlyList<string> rows, IReadOnlySet<string> partners) =>
        rows.Where(row => row.Split('|') is var cells && cells[2] == ScopeTypes.Partner && partners.Contains(cells[3])).ToList();

    /// <summary>Indicator rows that differ between the two (missing, stale or extra), counted on both sides.</summary>
    public static int Differences(IReadOnlyList<string> actual, IReadOnlyList<string> expected) =>
        actual.Except(expected).Count() + expected.Except(actual).Count();
}

public sealed record Partition(IReadOnlyList<string> Parts, IReadOnlyList<string> Rows);

/// <summary>The ingestion log's and reports' side of the invariants.</summary>
public static class LogChecks
{
    /// <summary>Uploads without a final log row (anything but failed) or whose report is missing.</summary>
    public static async Task<int> UploadsWithoutOutcomeAsync(IObjectStore objects, ITableStore tables, IEnumerable<Upload> uploads, CancellationToken cancellationToken)
    {
        var log = new IngestionLog(tables);
        var missing = 0;
        foreach (var upload in uploads)
        {
            var record = await log.FindAsync(upload.Partner, Datasets.Vacancies, upload.Sha256, cancellationToken);
            if (record is null || record.Status == IngestionStatus.Failed || record.ReportPath is null
                || await objects.GetInfoAsync(record.ReportPath, cancellationToken) is null)
            {
                missing++;
            }
        }
        return missing;
    }
}
