namespace Pipeline.Integration.Tests.Indicators;

/// <summary>
/// A seeded random curated data set: 5 partners (one inactive) over 24 months, several roles and
/// sites, gaps in submissions, optional columns sometimes blank, and exits with varied reasons,
/// destinations, service lengths and answers, in numbers that cross the suppression threshold.
/// </summary>
public static class CrossCheckData
{
    public static readonly Period First = Period.Parse("2024-01");
    public const int Months = 24;

    public static readonly (string Id, string Sector, bool Active)[] Partners =
    [
        ("trust-a", "nhs_trust", true),
        ("care-b", "care_provider", true),
        ("care-c", "care_provider", true),
        ("council-d", "local_authority", true),
        ("charity-e", "voluntary", false),
    ];

    private static readonly string[] Roles = ["care_worker", "senior_care_worker", "registered_nurse", "healthcare_assistant", "social_worker", "admin_clerical"];
    private static readonly string[] Destinations = ["within_partnership", "other_health_care", "left_sector", "retired", "unknown"];

    public static async Task WriteAsync(TestLake lake, int seed)
    {
        var random = new Random(seed);
        var reasons = ReferenceData.Reasons.Codes.ToArray();
        foreach (var (id, sector, active) in Partners)
        {
            await lake.AddPartnerAsync(id, sector, active);
        }
        for (var month = 0; month < Months; month++)
        {
            var period = First.AddMonths(month);
            foreach (var (id, _, _) in Partners)
            {
                // About one return in eight is missing, so coverage is partial and turnover units sometimes fall short of 6 months.
                if (random.NextDouble() < 0.12)
                {
                    continue;
                }
                var rows = new List<VacancyRecord>();
                foreach (var role in Roles.Where(_ => random.NextDouble() < 0.75))
                {
                    foreach (var site in new[] { "North", "South" }.Take(random.Next(1, 3)))
                    {
                        var inPost = Math.Round(random.NextDouble() * 60, 2);
                        rows.Add(Rows.Vacancy(role, inPost, Math.Round(random.NextDouble() * 8, 2),
                            headcount: (int)Math.Ceiling(inPost * 1.1), starters: random.Next(0, 4), leavers: random.Next(0, 4),
                            advertised: random.NextDouble() < 0.8 ? random.Next(0, 6) : null,
                            applications: random.NextDouble() < 0.8 ? random.Next(0, 40) : null,
                            agencyFte: random.NextDouble() < 0.6 ? Math.Round(random.NextDouble() * 5, 2) : null,
                            site: site));
                    }
                }
                if (rows.Count > 0)
                {
                    await lake.WriteVacanciesAsync(id, period.ToString(), rows.ToArray());
                }
                var exits = Enumerable.Range(0, random.Next(0, 13)).Select(_ => Rows.Exit(
                    Roles[random.Next(Roles.Length)], period.ToString(),
                    reason: reasons[random.Next(reasons.Length)],
                    destination: Destinations[random.Next(Destinations.Length)],
                    serviceMonths: random.NextDouble() < 0.7 ? random.Next(0, 120) : null,
                    wouldReturn: random.NextDouble() < 0.6 ? random.NextDouble() < 0.5 : null)).ToArray();
                if (exits.Length > 0)
                {
                    await lake.WriteExitsAsync(id, period.ToString(), exits);
                }
            }
        }
    }
}
