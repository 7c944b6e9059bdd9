namespace Pipeline.Core.Ingestion.Validation;

/// <summary>The <c>vacancies</c> data contract: one row per partner x period x role [x site].</summary>
public sealed class VacancyParser(UploadContext upload, Vocabulary vocabulary) : IRecordParser<VacancyColumns>
{
    private readonly KnownTexts _roles = new(vocabulary, VocabularyKinds.Role);
    private readonly DuplicateKeys _keys = new();
    private readonly DateTime _uploadedAt = upload.UploadedAt.UtcDateTime;

    public DatasetSchema Schema => DatasetSchemas.Vacancies;

    public (string Column, string What) DuplicateDescription => ("role", "month, role and site");

    public VacancyColumns NewBatch() => new();

    public ParsedRow Parse(RowReader row, VacancyColumns? batch)
    {
        var period = row.Period("period");
        CommonChecks.PartnerMatches(row, upload.Partner);
        var role = CommonChecks.Role(row, _roles);
        var site = row.Cell("site");
        var establishment = row.NonNegativeDecimal("establishment_fte", required: false);
        var inPostFte = row.NonNegativeDecimal("staff_in_post_fte", required: true);
        var headcount = row.NonNegativeWhole("staff_in_post_headcount", required: true);
        var vacancies = row.NonNegativeDecimal("vacancies_fte", required: true);
        var advertised = row.NonNegativeWhole("vacancies_advertised", required: false);
        var applications = row.NonNegativeWhole("applications", required: false);
        var starters = row.NonNegativeWhole("starters", required: true);
        var leavers = row.NonNegativeWhole("leavers", required: true);
        var agency = row.NonNegativeDecimal("agency_fte", required: false);
        var bank = row.NonNegativeDecimal("bank_fte", required: false);
        WarnWhenEstablishmentDiffers(row, establishment, inPostFte, vacancies);

        ulong? duplicateKey = null;
        if (period is { } month && role is not null)
        {
            duplicateKey = _keys.Start().Append([(char)month.Year, (char)month.Month]).Append(role.Code).AppendLowerCase(site).Hash();
        }
        if (row.HasErrors || batch is null)
        {
            return new ParsedRow(period, duplicateKey);
        }
        batch.Role.Add(role!.Code);
        batch.StaffGroup.Add(role.Group!);
        batch.Site.AddCopy(site);
        batch.EstablishmentFte.Add((double?)establishment);
        batch.StaffInPostFte.Add((double)inPostFte!.Value);
        batch.StaffInPostHeadcount.Add(headcount!.Value);
        batch.VacanciesFte.Add((double)vacancies!.Value);
        batch.VacanciesAdvertised.Add(advertised);
        batch.Applications.Add(applications);
        batch.Starters.Add(starters!.Value);
        batch.Leavers.Add(leavers!.Value);
        batch.AgencyFte.Add((double?)agency);
        batch.BankFte.Add((double?)bank);
        batch.SourceRow.Add(row.Row);
        batch.SourceSha256.Add(upload.Sha256);
        batch.UploadedAt.Add(_uploadedAt);
        return new ParsedRow(period, duplicateKey);
    }

    /// <summary>SPEC: warn when |establishment - (in post + vacancies)| > max(0.5, 1% of establishment).</summary>
    private static void WarnWhenEstablishmentDiffers(RowReader row, decimal? establishment, decimal? inPost, decimal? vacancies)
    {
        if (establishment is not { } planned || inPost is null || vacancies is null)
        {
            return;
        }
        var filledPlusVacant = inPost.Value + vacancies.Value;
        if (Math.Abs(planned - filledPlusVacant) > Math.Max(0.5m, planned * 0.01m))
        {
            row.Warning("establishment_fte", row.Text("establishment_fte"), Rules.ConstraintError,
                $"Establishment ({planned}) differs from staff in post plus vacancies ({filledPlusVacant}) by more than the 0.5 FTE or 1% allowed.",
                "Check the establishment, staff in post and vacancy figures for this row.");
        }
    }
}
