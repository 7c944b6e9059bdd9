namespace Pipeline.Synthetic.Feeds;

/// <summary>
/// Sample feed responses for the demo's own months, in the shapes the real services answer (a
/// Nomis claimant-count CSV, Adzuna job-search pages, an NHS Digital vacancy statistics CSV), at
/// the volume of a city the size of Plymouth: its partnership counted about 2,800 new health and
/// care jobs in 18 months, so about 150 adverts a month. The bundled samples/feeds stay fixed for
/// the tests that pin their figures; the demo follows the clock, so it writes these instead.
/// </summary>
public static class DemoFeedResponses
{
    private const int PostingsPerPage = 50;
    private const int AdvertsPerMonth = 150;

    private static readonly string[] Area = ["UK", "South West England", "Devon", "Plymouth"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static readonly (string Name, string Code, int Claimants)[] Geographies =
    [
        ("Plymouth", "E06000026", 4200), ("Torbay", "E06000027", 2700), ("Cornwall", "E06000052", 9800), ("Devon", "E10000008", 8900),
    ];

    /// <summary>Titles as employers write them, with the salary range they are advertised at (some match no role alias, as in life).</summary>
    private static readonly (string Title, int SalaryMin, int SalaryMax, int Weight)[] Adverts =
    [
        ("Care Assistant", 22800, 24500, 22), ("Senior Carer", 24000, 26500, 10), ("Domiciliary Care Worker", 23000, 25800, 14),
        ("Healthcare Assistant", 23600, 25700, 12), ("Staff Nurse", 29970, 36483, 14), ("Registered Nurse - Mental Health", 29970, 36483, 6),
        ("Nursing Associate", 26500, 29100, 3), ("Registered Manager", 38000, 46000, 2), ("Social Worker", 34000, 41500, 4),
        ("Occupational Therapist", 29970, 36483, 3), ("Physiotherapist", 29970, 36483, 3), ("Paramedic", 36483, 44962, 2),
        ("Pharmacy Technician", 26530, 29114, 2), ("Receptionist", 22500, 23900, 2), ("Support Worker", 22900, 24600, 1),
    ];

    private static readonly string[] Employers =
    [
        "University Hospitals Plymouth NHS Trust", "Livewell Southwest", "Plymouth City Council", "Harbour View Care",
        "Tamar Home Care", "Devon Partnership NHS Trust", "Moorland GP Practices", "Dartmoor Residential Homes",
    ];

    private static readonly (string Region, string StaffGroup, int VacancyFte, double RatePercent)[] NhsVacancies =
    [
        ("England", "Registered nurses", 37600, 10.2), ("England", "Medical", 8400, 5.8), ("England", "All staff groups", 106000, 7.6),
        ("South West", "Registered nurses", 3550, 9.6), ("South West", "Medical", 640, 4.4), ("South West", "All staff groups", 9800, 6.9),
        ("London", "Registered nurses", 6000, 9.5), ("London", "Medical", 1500, 5.9), ("London", "All staff groups", 19800, 8.8),
    ];

    /// <summary>Writes <c>feeds.json</c> and its responses into <paramref name="folder"/>, for <see cref="FeedSamples.UseSampleFeeds"/>.</summary>
    public static void Write(string folder, IReadOnlyList<Period> months, int seed = 20261)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        WriteClaimants(Path.Combine(folder, "nomis-claimants.csv"), months, random);
        var pages = WritePostings(folder, months, random);
        WriteNhsVacancies(Path.Combine(folder, "nhs-vacancy-statistics.csv"), months, random);
        WriteConfig(Path.Combine(folder, FeedSamples.ConfigFileName), pages);
    }

    private static void WriteClaimants(string path, IReadOnlyList<Period> months, Random random)
    {
        var csv = new StringBuilder("DATE,DATE_NAME,GEOGRAPHY_NAME,GEOGRAPHY_CODE,MEASURE_NAME,MEASURES_NAME,OBS_VALUE,OBS_STATUS,OBS_STATUS_NAME\n");
        foreach (var (month, index) in months.Select((month, index) => (month, index)))
        {
            var name = month.FirstDay.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
            foreach (var (geography, code, claimants) in Geographies)
            {
                // A slow fall over the months, a winter rise and a little noise.
                var winter = month.Month is 12 or 1 or 2 ? 1.04 : 1.0;
                var count = (int)Math.Round(claimants * (1 - 0.004 * index) * winter * (0.98 + 0.04 * random.NextDouble()));
                csv.Append(Invariant($"{month},{name},{geography},{code},Claimant count,Value,{count},A,Normal Value\n"));
                csv.Append(Invariant($"{month},{name},{geography},{code},Claimants as a proportion of residents aged 16-64,Percent,{2.2 + random.NextDouble():0.0},A,Normal Value\n"));
            }
        }
        File.WriteAllText(path, csv.ToString());
    }

    /// <returns>How many pages were written, the last of them empty as Adzuna answers past the end.</returns>
    private static int WritePostings(string folder, IReadOnlyList<Period> months, Random random)
    {
        var totalWeight = Adverts.Sum(advert => advert.Weight);
        var postings = new List<object>();
        foreach (var month in months)
        {
            var count = (int)Math.Round(AdvertsPerMonth * (0.85 + 0.3 * random.NextDouble()));
            var days = DateTime.DaysInMonth(month.Year, month.Month);
            for (var i = 0; i < count; i++)
            {
                var advert = Pick(random, totalWeight);
                var created = new DateTimeOffset(month.Year, month.Month, 1 + random.Next(days), 6 + random.Next(12), random.Next(60), 0, TimeSpan.Zero);
                var withSalary = random.NextDouble() < 0.85;
                postings.Add(new Dictionary<string, object?>
                {
                    ["__CLASS__"] = "Adzuna::API::Response::Job",
                    ["id"] = (5_000_000_000L + postings.Count).ToString(CultureInfo.InvariantCulture),
                    ["title"] = advert.Title,
                    ["created"] = created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["location"] = new { display_name = "Plymouth, Devon", area = Area },
                    ["category"] = new { tag = advert.Title.Contains("Nurse", StringComparison.Ordinal) ? "healthcare-nursing-jobs" : "social-work-jobs" },
                    ["contract_time"] = random.NextDouble() < 0.7 ? "full_time" : "part_time",
                    ["salary_min"] = withSalary ? advert.SalaryMin : null,
                    ["salary_max"] = withSalary ? advert.SalaryMax : null,
                    ["company"] = new { display_name = Employers[random.Next(Employers.Length)] },
                });
            }
        }
        var pages = postings.Chunk(PostingsPerPage).Append([]).ToList();
        foreach (var (results, index) in pages.Select((results, index) => (results, index)))
        {
            var page = new Dictionary<string, object> { ["__CLASS__"] = "Adzuna::API::Response::JobSearchResults", ["count"] = postings.Count, ["results"] = results };
            File.WriteAllText(Path.Combine(folder, Invariant($"adzuna-postings-{index + 1}.json")), JsonSerializer.Serialize(page));
        }
        return pages.Count;
    }

    private static (string Title, int SalaryMin, int SalaryMax, int Weight) Pick(Random random, int totalWeight)
    {
        var ticket = random.Next(totalWeight);
        foreach (var advert in Adverts)
        {
            if ((ticket -= advert.Weight) < 0)
            {
                return advert;
            }
        }
        return Adverts[^1];
    }

    /// <summary>Every quarter (NHS financial-year quarters, "Q1 2025/26" ending in June) that ends within the months.</summary>
    private static void WriteNhsVacancies(string path, IReadOnlyList<Period> months, Random random)
    {
        var csv = new StringBuilder("Period,NHS England Region,Staff Group,Vacancy FTE,Vacancy Rate\n");
        foreach (var quarterEnd in months.Where(month => month.Month % 3 == 0))
        {
            var financialYear = quarterEnd.Month <= 3 ? quarterEnd.Year - 1 : quarterEnd.Year;
            var quarter = quarterEnd.Month <= 3 ? 4 : quarterEnd.Month / 3 - 1;
            var label = Invariant($"Q{quarter} {financialYear}/{(financialYear + 1) % 100:D2}");
            foreach (var (region, staffGroup, fte, rate) in NhsVacancies)
            {
                var drift = 0.97 + 0.06 * random.NextDouble();
                csv.Append(Invariant($"{label},{region},{staffGroup},\"{Math.Round(fte * drift):#,0}\",{rate * drift:0.0}\n"));
            }
        }
        File.WriteAllText(path, csv.ToString());
    }

    private static void WriteConfig(string path, int pages)
    {
        var config = new
        {
            feeds = new object[]
            {
                new { name = "claimants", kind = "nomis-claimants", url = "http://feeds.samples.invalid/nomis-claimants.csv" },
                new { name = "postings", kind = "adzuna-postings", url = "http://feeds.samples.invalid/adzuna-postings-{page}.json", maxPages = pages },
                new { name = "nhs-vacancies", kind = "nhs-vacancy-statistics", url = "http://feeds.samples.invalid/nhs-vacancy-statistics.csv" },
            },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(config, Indented));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
