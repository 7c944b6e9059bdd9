namespace Pipeline.Synthetic;

/// <summary>
/// <c>pipeline generate</c>: realistic, messy synthetic uploads laid out as a lake's landing zone, with
/// <c>partners.csv</c> for the registry and <c>manifest.json</c> saying what each file is and what
/// ingestion should make of it. Everything is planned up front from the seed, then each file is
/// streamed to disk, so the same seed gives the same bytes and any file size fits in memory.
/// </summary>
public sealed class SyntheticLakeGenerator
{
    public const string PartnersFile = "partners.csv";

    /// <summary>The mappings the real-world mode's local titles need, for <c>pipeline mappings import</c>.</summary>
    public const string MappingsFile = "mappings.csv";

    private readonly SyntheticOptions _options;
    private readonly DateTimeOffset _now;
    private readonly IReadOnlyList<SyntheticPartner> _partners;
    private readonly IReadOnlyList<Period> _months;
    private readonly List<PlannedFile> _files;

    /// <summary>The months the uploads cover: the last <paramref name="months"/> complete months before <paramref name="now"/>.</summary>
    public static IReadOnlyList<Period> MonthsBefore(DateTimeOffset now, int months)
    {
        var lastComplete = Period.Of(now).AddMonths(-1);
        return Enumerable.Range(1 - months, months).Select(lastComplete.AddMonths).ToList();
    }

    public SyntheticLakeGenerator(SyntheticOptions options, TimeProvider clock)
    {
        options.Validate();
        _options = options;
        _now = clock.GetUtcNow();
        _months = MonthsBefore(_now, options.Months);
        _partners = PartnerCatalog.Create(options.Partners, options.Seed, options.RealWorld);
        _files = [.. PlanGoodFiles(), .. PlanBadFiles()];
        ScheduleUploads();
    }

    /// <summary>How many uploads <see cref="Write"/> writes (for a progress bar).</summary>
    public int FileCount => _files.Count;

    public IReadOnlyList<string> Months => _months.Select(m => m.ToString()).ToList();

    public GenerationSummary Write(string outputFolder, Action? fileWritten, CancellationToken cancellationToken)
    {
        var landing = Path.Combine(outputFolder, LakePaths.Landing);
        if (Directory.Exists(landing) && Directory.EnumerateFileSystemEntries(landing).Any())
        {
            throw new IOException($"{landing} already holds uploads; generate into an empty folder so runs do not mix.");
        }
        Directory.CreateDirectory(outputFolder);
        var ids = _partners.ToDictionary(p => p.Id, p => new LeaverIds(p, _options.Seed));
        var written = new List<(PlannedFile File, FileStats Stats)>(_files.Count);
        foreach (var file in _files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(outputFolder, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var stats = file.Dataset == Datasets.Vacancies
                ? VacancyReturnWriter.Write(path, file.Workforce, file.Period, file.Style, file.Defect, _options.Seed, cancellationToken)
                : ExitsExtractWriter.Write(path, file.Workforce, file.Period, file.Style, file.Defect, ids[file.Partner.Id], _options.Seed, cancellationToken);
            File.SetLastWriteTimeUtc(path, file.UploadedAt.UtcDateTime);
            written.Add((file, stats));
            fileWritten?.Invoke();
        }
        WritePartners(Path.Combine(outputFolder, PartnersFile));
        if (_options.RealWorld)
        {
            WriteMappings(Path.Combine(outputFolder, MappingsFile));
        }
        var manifest = BuildManifest(written);
        using (var stream = File.Create(Path.Combine(outputFolder, Manifest.FileName)))
        {
            JsonSerializer.Serialize(stream, manifest, Manifest.JsonOptions);
        }
        return new GenerationSummary(Path.GetFullPath(outputFolder), _partners.Count, Months, written.Count, manifest.Totals.RefusedFiles,
            manifest.Totals.Vacancies.Rows, manifest.Totals.Exits.Rows);
    }

    private IEnumerable<PlannedFile> PlanGoodFiles()
    {
        var workforces = _partners.Select(p => new PartnerWorkforce(p, _options.Seed, _options.RowsPerFile)).ToList();
        var showcase = FileStyle.Showcase(Datasets.Vacancies);
        var vacancyReturns = 0;
        foreach (var period in _months)
        {
            foreach (var workforce in workforces)
            {
                var partner = workforce.Partner;
                var random = SeededRandom.For(_options.Seed, partner.Id + "/style", period.Year * 100 + period.Month);
                var style = vacancyReturns < showcase.Count ? showcase[vacancyReturns] : FileStyle.Random(Datasets.Vacancies, ref random);
                vacancyReturns++;
                style = FitForRows(style, workforce.UnitCount);
                yield return new PlannedFile(workforce, Datasets.Vacancies, period, VacancyFileName(period, style), style, null);
                // A month without leavers has no exits extract: a header-only file would be refused.
                var leavers = ExitsExtractWriter.Count(workforce, period);
                if (leavers > 0)
                {
                    var exitStyle = FitForRows(FileStyle.Random(Datasets.Exits, ref random), leavers);
                    yield return new PlannedFile(workforce, Datasets.Exits, period, ExitsFileName(period, exitStyle), exitStyle, null);
                }
            }
        }
    }

    /// <summary>A worksheet holds at most 1,048,576 rows, so bigger files are CSV whatever the draw said.</summary>
    private static FileStyle FitForRows(FileStyle style, long rows) =>
        style.Format == FileFormat.Xlsx && rows >= XlsxTableWriter.MaxRows ? style with { Format = FileFormat.Csv } : style;

    /// <summary>Up to <see cref="SyntheticOptions.MaxBadFiles"/> extra uploads, each of a different defect kind and at most one per partner, dataset and month.</summary>
    private List<PlannedFile> PlanBadFiles()
    {
        var random = SeededRandom.For(_options.Seed, "bad-files");
        var bad = new List<PlannedFile>();
        var used = new HashSet<(string, string, Period)>();
        foreach (var kind in random.Shuffle(Enum.GetValues<DefectKind>()))
        {
            if (bad.Count == _options.MaxBadFiles || (kind == DefectKind.OtherPartner && _partners.Count < 2))
            {
                continue;
            }
            var candidates = random.Shuffle(_partners.SelectMany(p => _months.Select(m => (Partner: p, Period: m))));
            foreach (var (partner, period) in candidates)
            {
                var workforce = new PartnerWorkforce(partner, _options.Seed, rowsPerFile: null);
                var style = FileStyle.ForBadFile(ref random);
                var defect = NewDefect(kind, partner, workforce, period, ref random);
                if (defect is null || !used.Add((partner.Id, defect.Dataset, period)))
                {
                    continue;
                }
                var name = defect.Dataset == Datasets.Vacancies ? VacancyFileName(period, style, "-v2") : ExitsFileName(period, style, "-v2");
                bad.Add(new PlannedFile(workforce, defect.Dataset, period, name, style, defect));
                break;
            }
        }
        return bad;
    }

    private Defect? NewDefect(DefectKind kind, SyntheticPartner partner, PartnerWorkforce workforce, Period period, ref SeededRandom random)
    {
        if (kind == DefectKind.DuplicateLeaverId)
        {
            var leavers = (int)ExitsExtractWriter.Count(workforce, period);
            if (leavers < 2)
            {
                return null;
            }
            var first = random.Next(leavers - 1);
            return new Defect(kind, first, first + 1 + random.Next(leavers - first - 1), "leaver_id", null);
        }
        var row = random.Next(workforce.UnitCount);
        return kind switch
        {
            DefectKind.MissingRequiredColumn => new Defect(kind, 0, 0, "staff_in_post_headcount", null),
            DefectKind.NegativeNumber => new Defect(kind, row, row, "vacancies_fte", string.Create(CultureInfo.InvariantCulture, $"-{random.Between(1, 4)}.5")),
            DefectKind.UnknownRole => new Defect(kind, row, row, "role", "Barista"),
            DefectKind.FuturePeriod => new Defect(kind, row, row, "period", Period.Of(_now).AddMonths(2).ToString()),
            DefectKind.DuplicateRows => new Defect(kind, row, workforce.UnitCount, null, null),
            DefectKind.OtherPartner => new Defect(kind, row, row, "partner", random.Pick(_partners.Where(p => p != partner).ToList()).Id),
            _ => new Defect(kind, row, row, "staff_in_post_fte", "approx 12"),
        };
    }

    /// <summary>
    /// Upload times (the files' last-write times, which <c>process</c> orders by): a couple of days after
    /// each month ends, strictly increasing, and never later than now.
    /// </summary>
    private void ScheduleUploads()
    {
        var ordered = _files
            .Select((file, index) => (file, index))
            .OrderBy(f => f.file.Period)
            .ThenBy(f => f.file.Defect is null ? 0 : 1)
            .ThenBy(f => f.index)
            .Select(f => f.file)
            .ToList();
        var random = SeededRandom.For(_options.Seed, "uploads");
        foreach (var month in ordered.GroupBy(f => f.Period))
        {
            var files = month.ToList();
            var spacing = TimeSpan.FromMinutes(Math.Min(15, 16 * 60.0 / files.Count));
            var start = new DateTimeOffset(month.Key.AddMonths(1).FirstDay, TimeOnly.MinValue, TimeSpan.Zero).AddDays(2).AddHours(8);
            var latestStart = _now - TimeSpan.FromMinutes(1) - spacing * files.Count;
            if (start > latestStart)
            {
                start = latestStart;
            }
            for (var i = 0; i < files.Count; i++)
            {
                var jitter = TimeSpan.FromSeconds(Math.Floor(random.NextDouble() * spacing.TotalSeconds / 2));
                files[i].UploadedAt = start + spacing * i + jitter;
            }
        }
        _files.Clear();
        _files.AddRange(ordered);
    }

    private static string VacancyFileName(Period period, FileStyle style, string suffix = "") => $"{period}-vacancy-return{suffix}{style.Extension}";

    private static string ExitsFileName(Period period, FileStyle style, string suffix = "") => $"{period}-exit-interviews{suffix}{style.Extension}";

    private void WritePartners(string path)
    {
        var text = new StringBuilder("id,name,sector,active\n");
        var rows = _partners.Select(p => (p.Id, p.Name, p.Sector, Active: true)).ToList();
        if (_partners.Count >= 3)
        {
            var (id, name, sector) = PartnerCatalog.Inactive;
            rows.Add((id, name, sector, false));
        }
        foreach (var (id, name, sector, active) in rows)
        {
            var quotedName = name.Contains(',', StringComparison.Ordinal) ? $"\"{name}\"" : name;
            text.Append(CultureInfo.InvariantCulture, $"{id},{quotedName},{sector},{(active ? "true" : "false")}\n");
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    private void WriteMappings(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        MappingFile.Write(PartnerCatalog.MappingsFor(_partners), writer);
    }

    private Manifest BuildManifest(List<(PlannedFile File, FileStats Stats)> written)
    {
        var files = written.Select(w => ToManifest(w.File, w.Stats)).ToList();
        var vacancies = new FileStats();
        foreach (var (file, stats) in written.Where(w => w.File.Defect is null && w.File.Dataset == Datasets.Vacancies))
        {
            vacancies.Add(stats);
        }
        var goodExits = written.Where(w => w.File.Defect is null && w.File.Dataset == Datasets.Exits).ToList();
        var totals = new ManifestTotals(
            new VacancyTotals(written.Count(w => w.File.Defect is null && w.File.Dataset == Datasets.Vacancies), vacancies.Rows,
                vacancies.VacanciesFte, vacancies.StaffInPostFte, vacancies.StaffInPostHeadcount, vacancies.Starters, vacancies.Leavers),
            new ExitTotals(goodExits.Count, goodExits.Sum(w => w.Stats.Rows)),
            written.Count(w => w.File.Defect is not null));
        return new Manifest(_options.Seed, _partners.Count, Months, _options.RowsPerFile, files, totals);
    }

    private static ManifestFile ToManifest(PlannedFile file, FileStats stats)
    {
        var style = file.Style;
        ManifestDefect? defect = null;
        if (file.Defect is { } d)
        {
            var value = d.Kind == DefectKind.FuturePeriod ? TableWriter.Format(Cell.Of(Period.Parse(d.Value!)), style) : d.Value;
            defect = new ManifestDefect(Defect.Name(d.Kind), d.PartnerRows, d.Field is null ? null : Columns.Header(d.Field, style.Headers), d.Field, value);
        }
        return new ManifestFile(
            file.RelativePath, file.Partner.Id, file.Dataset, file.Period.ToString(),
            style.Format.ToString().ToLowerInvariant(), style.EncodingName, style.DelimiterName,
            style.Headers.ToString().ToLowerInvariant(),
            style.Format == FileFormat.Xlsx ? style.SheetName : null,
            style.Extra?.Name, stats.Rows, file.UploadedAt,
            file.Defect is null ? "accepted" : "refused", defect);
    }

    private sealed class PlannedFile(PartnerWorkforce workforce, string dataset, Period period, string fileName, FileStyle style, Defect? defect)
    {
        public PartnerWorkforce Workforce { get; } = workforce;
        public SyntheticPartner Partner => Workforce.Partner;
        public string Dataset { get; } = dataset;
        public Period Period { get; } = period;
        public FileStyle Style { get; } = style;
        public Defect? Defect { get; } = defect;
        public DateTimeOffset UploadedAt { get; set; }
        public string RelativePath { get; } = LakePaths.LandingFile(workforce.Partner.Id, dataset, fileName);
    }
}
