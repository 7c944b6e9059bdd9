using Pipeline.Core.Curated;
using Pipeline.Core.Ingestion.Schema;
using Pipeline.Core.Reference;

namespace Pipeline.Core.Ingestion.Validation;

/// <summary>The <c>vacancies</c> data contract: one row per partner x period x role [x site].</summary>
public sealed class VacancyParser(UploadContext upload, Vocabulary vocabulary) : IRecordParser<VacancyRecord>
{
    public DatasetSchema Schema => DatasetSchemas.Vacancies;

    public (string Column, string What) DuplicateDescription => ("role", "month, role and site");

    public ParsedRow<VacancyRecord> Parse(RowReader row)
    {
        var period = row.Period("period");
        CommonChecks.PartnerMatches(row, upload.Partner);
        var role = CommonChecks.Role(row, vocabulary);
        var site = row.Text("site");
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

        var duplicateKey = period is null || role is null ? null : $"{period}|{role.Code}|{site?.ToLowerInvariant()}";
        if (row.HasErrors)
        {
            return new ParsedRow<VacancyRecord>(null, period, duplicateKey);
        }
        var record = new VacancyRecord
        {
            Role = role!.Code,
            StaffGroup = role.Group!,
            Site = site,
            EstablishmentFte = (double?)establishment,
            StaffInPostFte = (double)inPostFte!.Value,
            StaffInPostHeadcount = headcount!.Value,
            VacanciesFte = (double)vacancies!.Value,
            VacanciesAdvertised = advertised,
            Applications = applications,
            Starters = starters!.Value,
            Leavers = leavers!.Value,
            AgencyFte = (double?)agency,
            BankFte = (double?)bank,
            SourceRow = row.Row,
            SourceSha256 = upload.Sha256,
            UploadedAt = upload.UploadedAt.UtcDateTime,
        };
        return new ParsedRow<VacancyRecord>(record, period, duplicateKey);
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
