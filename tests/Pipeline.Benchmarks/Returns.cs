namespace Pipeline.Benchmarks;

/// <summary>The uploads the benchmark ingests: one partner's vacancy return or exit extract, seeded so every run reads the same bytes.</summary>
public static class Returns
{
    public const string VacancyHeader =
        "Period,Role,Site,Establishment (FTE),Staff in post (FTE),Headcount,Vacancies (FTE),Adverts,Applications,Starters,Leavers,Agency FTE,Bank FTE";

    private static readonly string[] Roles = ["Staff Nurse", "HCA", "RMN", "Carer", "Senior Carer", "Physio", "OT", "Admin", "Porter", "Pharmacist"];

    private static readonly string[] Reasons =
        ["Voluntary Resignation - Work Life Balance", "Voluntary Resignation - Relocation", "Voluntary Resignation - Pay and Reward Related"];

    private static readonly string[] Destinations =
        ["The worker moved to another adult social care employer", "", "\"The worker moved to a different sector (for example, retail)\""];

    /// <summary>
    /// Every row a distinct (role, site), so the duplicate check sees <paramref name="rows"/> keys. With
    /// <paramref name="months"/> above 1, row i belongs to month i mod months: the months interleave, the worst order for staging.
    /// </summary>
    public static void WriteVacancies(string path, int rows, int months, Period latest)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(VacancyHeader);
        var random = new Random(42);
        for (var i = 0; i < rows; i++)
        {
            var inPost = Math.Round(20 + random.NextDouble() * 80, 2);
            var vacancies = Math.Round(random.NextDouble() * 10, 2);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{latest.AddMonths(-(i % months))},{Roles[i % Roles.Length]},Site {i / Roles.Length:D7},{inPost + vacancies},{inPost},{(int)inPost + 3},{vacancies},{random.Next(5)},{random.Next(40)},{random.Next(4)},{random.Next(4)},{Math.Round(random.NextDouble() * 2, 2)},{Math.Round(random.NextDouble(), 2)}"));
        }
    }

    /// <summary>One leaver a row, leave dates spread over <paramref name="months"/> months up to <paramref name="latest"/>; no free-text comments.</summary>
    public static void WriteExits(string path, int rows, int months, Period latest)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("leaver_id,leave_date,role,start_date,reason,destination,would_recommend,would_return,age_band,comments");
        var random = new Random(7);
        var first = new DateOnly(latest.Year, latest.Month, 1);
        for (var i = 0; i < rows; i++)
        {
            var left = first.AddMonths(-(i % months)).AddDays(random.Next(28));
            var started = left.AddDays(-random.Next(30, 4000));
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"EMP{i:D8},{left:dd/MM/yyyy},{Roles[i % Roles.Length]},{started:dd/MM/yyyy},{Reasons[i % Reasons.Length]},{Destinations[random.Next(Destinations.Length)]},{(random.Next(2) == 0 ? "Yes" : "No")},{(random.Next(3) == 0 ? "" : "Y")},25-34,"));
        }
    }
}
