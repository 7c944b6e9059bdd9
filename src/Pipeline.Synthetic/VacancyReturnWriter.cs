namespace Pipeline.Synthetic;

/// <summary>Writes one partner's vacancy return for one month, a row per role and site, in the file's style.</summary>
internal static class VacancyReturnWriter
{
    public static FileStats Write(string path, PartnerWorkforce workforce, Period period, FileStyle style, Defect? defect, int seed, CancellationToken cancellationToken)
    {
        var partner = workforce.Partner;
        var columns = ColumnsOf(workforce, style, defect);
        var extras = SeededRandom.For(seed, partner.Id + "/extra", period.Year * 100 + period.Month);
        var stats = new FileStats();
        var cells = new Cell[columns.Count];
        using var writer = TableWriter.Create(path, style, Datasets.Vacancies);
        writer.WriteHeader(columns.Select(c => c == style.Extra?.Name ? c : Columns.Header(c, style.Headers)).ToList());
        foreach (var unit in workforce.Units())
        {
            if ((unit.Index & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var figures = workforce.Figures(unit, period);
            Fill(cells, columns, partner, unit, period, figures, style, ref extras);
            if (defect is not null && defect.Row == unit.Index)
            {
                Spoil(cells, columns, defect);
            }
            writer.WriteRow(cells);
            stats.Add(figures);
        }
        if (defect?.Kind == DefectKind.DuplicateRows)
        {
            var unit = workforce.Unit(defect.Row);
            var figures = workforce.Figures(unit, period);
            Fill(cells, columns, partner, unit, period, figures, style, ref extras);
            writer.WriteRow(cells);
            stats.Add(figures);
        }
        return stats;
    }

    private static List<string> ColumnsOf(PartnerWorkforce workforce, FileStyle style, Defect? defect)
    {
        var partner = workforce.Partner;
        // The contract's columns in its order, less the optional ones this partner leaves out.
        var columns = DatasetSchemas.Vacancies.Columns.Where(c => c.Required || c.Name switch
        {
            "partner" => style.PartnerColumn || defect?.Kind == DefectKind.OtherPartner,
            "site" => workforce.HasSiteColumn,
            "establishment_fte" => partner.ReportsEstablishment,
            // Partners who do not count adverts either leave the columns out or leave them blank.
            "vacancies_advertised" or "applications" => partner.ReportsAdverts || partner.Index % 2 == 0,
            "agency_fte" or "bank_fte" => partner.ReportsAgency,
            _ => false,
        }).Select(c => c.Name).ToList();
        if (defect?.Kind == DefectKind.MissingRequiredColumn)
        {
            columns.Remove(defect.Field!);
        }
        if (style.Extra is { } extra)
        {
            columns.Insert(extra.Position % (columns.Count + 1), extra.Name);
        }
        return columns;
    }

    private static void Fill(Cell[] cells, List<string> columns, SyntheticPartner partner, WorkforceUnit unit, Period period,
        VacancyFigures figures, FileStyle style, ref SeededRandom extras)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            cells[i] = columns[i] switch
            {
                "period" => Cell.Of(period),
                "partner" => Cell.Of(partner.Id),
                "role" => Cell.Of(RoleText(partner, unit.Role, style.Roles)),
                "site" => Cell.Of(unit.Site),
                "establishment_fte" => Cell.Of(figures.EstablishmentFte),
                "staff_in_post_fte" => Cell.Of(figures.StaffInPostFte),
                "staff_in_post_headcount" => Cell.Of(figures.StaffInPostHeadcount),
                "vacancies_fte" => Cell.Of(figures.VacanciesFte),
                "vacancies_advertised" => Cell.Of(figures.VacanciesAdvertised),
                "applications" => Cell.Of(figures.Applications),
                "starters" => Cell.Of(figures.Starters),
                "leavers" => Cell.Of(figures.Leavers),
                "agency_fte" => Cell.Of(figures.AgencyFte),
                "bank_fte" => Cell.Of(figures.BankFte),
                var extra => ExtraValue(extra, ref extras),
            };
        }
    }

    private static void Spoil(Cell[] cells, List<string> columns, Defect defect)
    {
        var index = defect.Kind switch
        {
            DefectKind.MissingRequiredColumn or DefectKind.DuplicateRows => -1,
            _ => columns.IndexOf(defect.Field!),
        };
        if (index < 0)
        {
            return;
        }
        cells[index] = defect.Kind switch
        {
            DefectKind.NegativeNumber => Cell.Of(decimal.Parse(defect.Value!, CultureInfo.InvariantCulture)),
            DefectKind.FuturePeriod => Cell.Of(Period.Parse(defect.Value!)),
            _ => Cell.Of(defect.Value),
        };
    }

    public static string RoleText(SyntheticPartner partner, string role, RoleSpelling spelling) => spelling switch
    {
        RoleSpelling.Codes => role,
        RoleSpelling.Names => ReferenceData.Roles.Get(role).Name,
        _ => partner.RoleTitles[role],
    };

    private static Cell ExtraValue(string column, ref SeededRandom random) => column switch
    {
        "Cost centre" => Cell.Of(string.Create(CultureInfo.InvariantCulture, $"CC{random.Between(1000, 9999)}")),
        "Updated by" => Cell.Of(random.Pick(["JP", "A. Rowe", "hr.team", "SC"])),
        _ => random.Chance(0.8) ? Cell.Blank : Cell.Of(random.Pick(["Includes bank staff, see email", "Figures provisional", "Ward closed for refurbishment"])),
    };
}
