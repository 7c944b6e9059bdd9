namespace Pipeline.Synthetic;

/// <summary>
/// Writes one partner's exits extract for one month: a row for every leaver its vacancy return
/// counts that month, with the leaver's role, so the two datasets agree.
/// </summary>
internal static class ExitsExtractWriter
{
    private sealed record Leaver(string Id, DateOnly LeaveDate, string Role, int ServiceMonths, int Reason, string Destination,
        bool? WouldRecommend, bool? WouldReturn, string? AgeBand, string? Comment);

    public static long Count(PartnerWorkforce workforce, Period period) =>
        workforce.Units().Sum(unit => (long)workforce.Figures(unit, period).Leavers);

    public static FileStats Write(string path, PartnerWorkforce workforce, Period period, FileStyle style, Defect? defect,
        LeaverIds ids, int seed, CancellationToken cancellationToken)
    {
        var partner = workforce.Partner;
        var columns = ColumnsOf(style);
        var random = SeededRandom.For(seed, partner.Id + "/exits", period.Year * 100 + period.Month);
        var stats = new FileStats();
        var cells = new Cell[columns.Count];
        string? duplicatedId = null;
        using var writer = TableWriter.Create(path, style, Datasets.Exits);
        writer.WriteHeader(columns.Select(c => c == style.Extra?.Name ? c : Columns.Header(c, style.Headers)).ToList());
        foreach (var unit in workforce.Units())
        {
            if ((unit.Index & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var leavers = workforce.Figures(unit, period).Leavers;
            for (var i = 0; i < leavers; i++)
            {
                var leaver = NewLeaver(ids.Next(), unit.Role, period, ref random);
                if (defect is { Kind: DefectKind.DuplicateLeaverId })
                {
                    if (stats.Rows == defect.Row)
                    {
                        duplicatedId = leaver.Id;
                    }
                    else if (stats.Rows == defect.SecondRow)
                    {
                        leaver = leaver with { Id = duplicatedId! };
                    }
                }
                Fill(cells, columns, partner, leaver, style, ref random);
                writer.WriteRow(cells);
                stats.Rows++;
            }
        }
        return stats;
    }

    private static List<string> ColumnsOf(FileStyle style)
    {
        // The contract's columns in its order: the length of service or the start date, never the partner.
        var columns = DatasetSchemas.Exits.Columns.Select(c => c.Name).Where(name => name switch
        {
            "start_date" => style.ServiceAsStartDate,
            "length_of_service_months" => !style.ServiceAsStartDate,
            "partner" => false,
            _ => true,
        }).ToList();
        if (style.Extra is { } extra)
        {
            columns.Insert(extra.Position % (columns.Count + 1), extra.Name);
        }
        return columns;
    }

    private static Leaver NewLeaver(string id, string role, Period period, ref SeededRandom random)
    {
        var leaveDate = period.FirstDay.AddDays(random.Next(DateTime.DaysInMonth(period.Year, period.Month)));
        var reason = random.PickWeighted(ExitVocabulary.ReasonWeights);
        var retiring = ExitVocabulary.Reasons[reason].Code is "retirement" or "ill_health_retirement";
        // A quarter leave within their first year; the rest have served a few years, some for decades.
        var service = random.Chance(0.25) ? random.Next(12) : 12 + (int)Math.Min(480, -60 * Math.Log(1 - random.NextDouble()));
        var ageBand = retiring ? ExitVocabulary.AgeBands[random.Between(4, 5)] : ExitVocabulary.AgeBands[random.PickWeighted(ExitVocabulary.AgeBandWeights)];
        var destination = retiring ? "retired" : ExitVocabulary.Destinations[random.PickWeighted(ExitVocabulary.DestinationWeights)].Code;
        return new Leaver(id, leaveDate, role, service, reason,
            Destination: random.Chance(0.15) ? "" : destination,
            WouldRecommend: random.Chance(0.2) ? null : random.Chance(0.7),
            WouldReturn: random.Chance(0.25) ? null : random.Chance(0.5),
            AgeBand: random.Chance(0.1) ? null : ageBand,
            Comment: Comment(ref random));
    }

    private static string? Comment(ref SeededRandom random)
    {
        var roll = random.NextDouble();
        if (roll < 0.45)
        {
            return null;
        }
        if (roll < 0.85)
        {
            return random.Pick(ExitVocabulary.Comments);
        }
        var name = $"{random.Pick(ExitVocabulary.FirstNames)} {random.Pick(ExitVocabulary.LastNames)}";
        var phone = string.Create(CultureInfo.InvariantCulture, $"07700 900{random.Next(1000):D3}");
        return random.Pick(ExitVocabulary.PersonalCommentTemplates).Replace("{name}", name, StringComparison.Ordinal).Replace("{phone}", phone, StringComparison.Ordinal);
    }

    private static void Fill(Cell[] cells, List<string> columns, SyntheticPartner partner, Leaver leaver, FileStyle style, ref SeededRandom random)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            cells[i] = columns[i] switch
            {
                "leaver_id" => Cell.Of(leaver.Id),
                "leave_date" => Cell.Of(leaver.LeaveDate),
                "role" => Cell.Of(VacancyReturnWriter.RoleText(partner, leaver.Role, style.Roles)),
                "start_date" => Cell.Of(leaver.LeaveDate.AddMonths(-leaver.ServiceMonths).AddDays(-random.Next(20))),
                "length_of_service_months" => Cell.Of(leaver.ServiceMonths),
                "reason" => Cell.Of(ReasonText(leaver.Reason, style.Reasons, ref random)),
                "destination" => Cell.Of(DestinationText(leaver.Destination, style.Destinations, ref random)),
                "would_recommend" => Cell.Of(YesNo(leaver.WouldRecommend, style.YesNo)),
                "would_return" => Cell.Of(YesNo(leaver.WouldReturn, style.YesNo)),
                "age_band" => Cell.Of(leaver.AgeBand),
                "comments" => Cell.Of(leaver.Comment),
                _ => random.Chance(0.85) ? Cell.Blank : Cell.Of("Exit interview by phone"),
            };
        }
    }

    private static string ReasonText(int reason, ReasonSpelling spelling, ref SeededRandom random)
    {
        var (code, _, esr, plain) = ExitVocabulary.Reasons[reason];
        return spelling switch
        {
            ReasonSpelling.Codes => code,
            ReasonSpelling.Plain => random.Pick(plain),
            // NHS Digital's own list is written with an en dash in some publications.
            _ => random.Chance(0.2) ? random.Pick(esr).Replace(" - ", " – ", StringComparison.Ordinal) : random.Pick(esr),
        };
    }

    private static string? DestinationText(string destination, DestinationSpelling spelling, ref SeededRandom random)
    {
        if (destination.Length == 0 || spelling == DestinationSpelling.Codes)
        {
            return destination;
        }
        if (destination == "retired")
        {
            return spelling == DestinationSpelling.AscWds ? "The worker retired" : "Retirement";
        }
        var entry = ExitVocabulary.Destinations.First(d => d.Code == destination);
        return random.Pick(spelling == DestinationSpelling.AscWds ? entry.AscWds : entry.Plain);
    }

    private static string? YesNo(bool? value, YesNoSpelling spelling) => value switch
    {
        null => null,
        true => spelling switch { YesNoSpelling.YN => "Y", YesNoSpelling.OneZero => "1", YesNoSpelling.TrueFalse => "TRUE", _ => "Yes" },
        false => spelling switch { YesNoSpelling.YN => "N", YesNoSpelling.OneZero => "0", YesNoSpelling.TrueFalse => "FALSE", _ => "No" },
    };
}
