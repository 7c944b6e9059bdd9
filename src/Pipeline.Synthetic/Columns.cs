namespace Pipeline.Synthetic;

/// <summary>The data contracts' column names (SPEC "Data contracts") and the ways partners' headers spell them.</summary>
internal static class Columns
{
    public const string Period = "period";
    public const string Partner = "partner";
    public const string Role = "role";
    public const string Site = "site";
    public const string EstablishmentFte = "establishment_fte";
    public const string StaffInPostFte = "staff_in_post_fte";
    public const string StaffInPostHeadcount = "staff_in_post_headcount";
    public const string VacanciesFte = "vacancies_fte";
    public const string VacanciesAdvertised = "vacancies_advertised";
    public const string Applications = "applications";
    public const string Starters = "starters";
    public const string Leavers = "leavers";
    public const string AgencyFte = "agency_fte";
    public const string BankFte = "bank_fte";

    public const string LeaverId = "leaver_id";
    public const string LeaveDate = "leave_date";
    public const string StartDate = "start_date";
    public const string LengthOfServiceMonths = "length_of_service_months";
    public const string Reason = "reason";
    public const string Destination = "destination";
    public const string WouldRecommend = "would_recommend";
    public const string WouldReturn = "would_return";
    public const string AgeBand = "age_band";
    public const string Comments = "comments";

    /// <summary>
    /// Title Case spellings a spreadsheet user types. Each differs from the canonical name only in case,
    /// spaces, '_', '-' and punctuation, which header matching ignores.
    /// </summary>
    private static readonly Dictionary<string, string> Friendly = new()
    {
        [Period] = "Period",
        [Partner] = "Partner",
        [Role] = "Role",
        [Site] = "Site",
        [EstablishmentFte] = "Establishment (FTE)",
        [StaffInPostFte] = "Staff in post (FTE)",
        [StaffInPostHeadcount] = "Staff in post - headcount",
        [VacanciesFte] = "Vacancies (FTE)",
        [VacanciesAdvertised] = "Vacancies advertised",
        [Applications] = "Applications",
        [Starters] = "Starters",
        [Leavers] = "Leavers",
        [AgencyFte] = "Agency FTE",
        [BankFte] = "Bank FTE",
        [LeaverId] = "Leaver ID",
        [LeaveDate] = "Leave date",
        [StartDate] = "Start date",
        [LengthOfServiceMonths] = "Length of service (months)",
        [Reason] = "Reason",
        [Destination] = "Destination",
        [WouldRecommend] = "Would recommend?",
        [WouldReturn] = "Would return?",
        [AgeBand] = "Age band",
        [Comments] = "Comments",
    };

    public static string Header(string column, HeaderStyle style) => style switch
    {
        HeaderStyle.Upper => column.ToUpperInvariant(),
        HeaderStyle.Friendly => Friendly[column],
        HeaderStyle.Camel => Camel(column),
        _ => column,
    };

    private static string Camel(string column)
    {
        var builder = new StringBuilder(column.Length);
        var upper = false;
        foreach (var c in column)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return builder.ToString();
    }
}
