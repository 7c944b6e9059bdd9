namespace Pipeline.Synthetic;

/// <summary>The ways partners' headers spell the data contracts' columns (their names are Core's <see cref="DatasetSchemas"/>).</summary>
internal static class Columns
{
    /// <summary>
    /// Title Case spellings a spreadsheet user types. Each differs from the canonical name only in case,
    /// spaces, '_', '-' and punctuation, which header matching ignores.
    /// </summary>
    private static readonly Dictionary<string, string> Friendly = new()
    {
        ["period"] = "Period",
        ["partner"] = "Partner",
        ["role"] = "Role",
        ["site"] = "Site",
        ["establishment_fte"] = "Establishment (FTE)",
        ["staff_in_post_fte"] = "Staff in post (FTE)",
        ["staff_in_post_headcount"] = "Staff in post - headcount",
        ["vacancies_fte"] = "Vacancies (FTE)",
        ["vacancies_advertised"] = "Vacancies advertised",
        ["applications"] = "Applications",
        ["starters"] = "Starters",
        ["leavers"] = "Leavers",
        ["agency_fte"] = "Agency FTE",
        ["bank_fte"] = "Bank FTE",
        ["leaver_id"] = "Leaver ID",
        ["leave_date"] = "Leave date",
        ["start_date"] = "Start date",
        ["length_of_service_months"] = "Length of service (months)",
        ["reason"] = "Reason",
        ["destination"] = "Destination",
        ["would_recommend"] = "Would recommend?",
        ["would_return"] = "Would return?",
        ["age_band"] = "Age band",
        ["comments"] = "Comments",
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
