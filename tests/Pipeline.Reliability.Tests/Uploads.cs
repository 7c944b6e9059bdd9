using System.Security.Cryptography;

namespace Pipeline.Reliability.Tests;

/// <summary>One partner file as it lands.</summary>
public sealed record Upload(string Partner, string FileName, DateTimeOffset UploadedAt, byte[] Content)
{
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Content));

    public override string ToString() => $"{Partner}/{FileName}";
}

/// <summary>The multi-period vacancy returns the suite pushes through the pipeline.</summary>
public static class Uploads
{
    public const string Header = "period,role,site,staff_in_post_fte,staff_in_post_headcount,vacancies_fte,vacancies_advertised,applications,starters,leavers";

    public static readonly string[] Partners = ["nhs-north", "care-south", "nhs-east"];

    /// <summary>The most recent complete month: always valid, never in the future.</summary>
    public static Period LastMonth => Period.Of(DateTimeOffset.UtcNow).AddMonths(-1);

    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Three partners' returns covering two or three months each, then a correction that
    /// replaces one month of the first: the newest-wins rule and multi-period publishing both
    /// come into play.
    /// </summary>
    public static IReadOnlyList<Upload> MultiPeriodSet() =>
    [
        Return("nhs-north", "q3.csv", Monday, months: 3, vacancies: 10),
        Return("care-south", "two-months.csv", Monday.AddMinutes(5), months: 2, vacancies: 4),
        Return("nhs-east", "return.csv", Monday.AddMinutes(10), months: 2, vacancies: 7),
        Return("nhs-north", "correction.csv", Monday.AddHours(2), months: 1, vacancies: 12),
    ];

    /// <summary>A return of <paramref name="months"/> months ending last month, two roles per month.</summary>
    public static Upload Return(string partner, string fileName, DateTimeOffset uploadedAt, int months, double vacancies)
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var back = months - 1; back >= 0; back--)
        {
            var period = LastMonth.AddMonths(-back);
            csv.Append(Row(period, "registered_nurse", vacancies + back)).Append('\n');
            csv.Append(Row(period, "healthcare_assistant", vacancies / 2)).Append('\n');
        }
        return new Upload(partner, fileName, uploadedAt, Encoding.UTF8.GetBytes(csv.ToString()));
    }

    /// <summary>
    /// A month-end: <paramref name="partners"/> partners (<c>{prefix}-001</c>, ...) each returning last
    /// month, <paramref name="sites"/> sites of three roles, figures varying by partner and site.
    /// </summary>
    public static IReadOnlyList<Upload> MonthEnd(string prefix, int partners, int sites)
    {
        string[] roles = ["registered_nurse", "healthcare_assistant", "care_worker"];
        var uploads = new List<Upload>();
        for (var partner = 1; partner <= partners; partner++)
        {
            var csv = new StringBuilder(Header).Append('\n');
            for (var site = 1; site <= sites; site++)
            {
                foreach (var role in roles)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{LastMonth},{role},Site {site},{80 + site % 40},{90 + site % 40},{(partner + site) % 9},4,20,{partner % 4},{site % 3}").Append('\n');
                }
            }
            uploads.Add(new Upload($"{prefix}-{partner:000}", "month-end.csv", Monday.AddSeconds(partner), Encoding.UTF8.GetBytes(csv.ToString())));
        }
        return uploads;
    }

    public static string Row(Period period, string role, double vacancies) =>
        string.Create(CultureInfo.InvariantCulture, $"{period},{role},Main,100,110,{vacancies},4,20,3,2");
}
