namespace Pipeline.Core.Ingestion.Schema;

/// <summary>One column of an upload's data contract, with the other headers partners give it.</summary>
public sealed record ColumnSpec(string Name, bool Required, params string[] Aliases);

/// <summary>The columns of one dataset's data contract (SPEC "Data contracts").</summary>
public sealed class DatasetSchema
{
    public DatasetSchema(string dataset, IReadOnlyList<ColumnSpec> columns)
    {
        Dataset = dataset;
        Columns = columns;
    }

    public string Dataset { get; }

    public IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>
    /// The header matching key: letters and digits only, lower case, so "Vacancies (FTE)",
    /// "vacancies fte" and "vacancies_fte" are one header.
    /// </summary>
    public static string HeaderKey(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    public ColumnSpec? Match(string header)
    {
        var key = HeaderKey(header);
        return key.Length == 0 ? null : Columns.FirstOrDefault(c => HeaderKey(c.Name) == key || c.Aliases.Any(a => HeaderKey(a) == key));
    }
}

public static class DatasetSchemas
{
    public static readonly DatasetSchema Vacancies = new(Lake.Datasets.Vacancies,
    [
        new("period", true, "month", "reporting period", "return period", "reporting month", "month ending", "period ending"),
        new("partner", false, "partner id", "partner code"),
        new("role", true, "job role", "role code", "job title", "post title", "staff role"),
        new("site", false, "location", "locality", "site name", "service"),
        new("establishment_fte", false, "establishment", "funded fte", "budgeted fte", "establishment wte", "funded establishment"),
        new("staff_in_post_fte", true, "in post fte", "sip fte", "contracted fte", "staff in post wte", "fte in post"),
        new("staff_in_post_headcount", true, "headcount", "in post headcount", "sip headcount", "staff in post", "headcount in post"),
        new("vacancies_fte", true, "vacant fte", "vacancy fte", "vacancies wte", "vacancy wte", "vacancies"),
        new("vacancies_advertised", false, "adverts", "adverts open", "advertised vacancies", "posts advertised", "vacancies advertised count"),
        new("applications", false, "applications received", "applicants", "number of applications"),
        new("starters", true, "new starters", "joiners", "starters headcount"),
        new("leavers", true, "leavers headcount", "number of leavers"),
        new("agency_fte", false, "agency", "agency staff fte", "agency wte"),
        new("bank_fte", false, "bank", "bank staff fte", "bank wte"),
    ]);

    public static readonly DatasetSchema Exits = new(Lake.Datasets.Exits,
    [
        new("leaver_id", true, "employee id", "employee number", "staff id", "staff number", "assignment number", "person id", "worker id", "unique worker id"),
        new("leave_date", true, "termination date", "date left", "leaving date", "end date", "date of leaving"),
        new("role", true, "job role", "role code", "job title", "post title", "staff role"),
        new("start_date", false, "date started", "hire date", "start", "date joined"),
        new("length_of_service_months", false, "service months", "length of service", "los months", "length of service (months)"),
        new("reason", true, "reason for leaving", "leaving reason", "termination reason", "reason code"),
        new("destination", false, "leaver destination", "destination on leaving", "next destination"),
        new("would_recommend", false, "recommend", "would recommend employer"),
        new("would_return", false, "return", "would consider returning", "would return to employer"),
        new("age_band", false, "age group", "age range"),
        new("comments", false, "comment", "free text", "notes", "exit interview comments", "additional comments"),
        new("partner", false, "partner id", "partner code"),
    ]);

    public static DatasetSchema For(string dataset) => dataset switch
    {
        Lake.Datasets.Vacancies => Vacancies,
        Lake.Datasets.Exits => Exits,
        _ => throw new ArgumentException($"No data contract for dataset {dataset}", nameof(dataset)),
    };
}
