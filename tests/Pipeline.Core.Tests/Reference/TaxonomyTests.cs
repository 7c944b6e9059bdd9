namespace Pipeline.Core.Tests.Reference;

public class TaxonomyTests
{
    [Theory]
    [InlineData("registered_nurse", "registered_nurse")]
    [InlineData("Staff Nurse", "registered_nurse")]
    [InlineData("  rgn ", "registered_nurse")]
    [InlineData("Band 5 Nurse", "registered_nurse")]
    [InlineData("RMN", "mental_health_nurse")]
    [InlineData("HCA", "healthcare_assistant")]
    [InlineData("Clinical Support Worker", "healthcare_assistant")]
    [InlineData("Carer", "care_worker")]
    [InlineData("Domiciliary Care Worker", "home_care_worker")]
    [InlineData("Registered Nurse", "registered_nurse")]
    public void Find_RoleSpellings_MapToCode(string spelling, string code) =>
        Assert.Equal(code, ReferenceData.Roles.Find(spelling)?.Code);

    [Fact]
    public void Roles_CoverEveryCodeAndGroupOfTheSpec()
    {
        string[] codes = ["care_worker", "senior_care_worker", "home_care_worker", "registered_manager", "social_worker",
            "occupational_therapist", "physiotherapist", "paramedic", "registered_nurse", "mental_health_nurse",
            "nursing_associate", "healthcare_assistant", "pharmacist", "pharmacy_technician", "gp", "doctor",
            "admin_clerical", "estates_ancillary", "other"];
        Assert.Equal(codes.Order(), ReferenceData.Roles.Codes.Order());
        Assert.Equal("social_care_direct", ReferenceData.Roles.Get("home_care_worker").Group);
        Assert.Equal("clinical_support", ReferenceData.Roles.Get("healthcare_assistant").Group);
        Assert.Equal(10, ReferenceData.StaffGroups.Count);
    }

    [Fact]
    public void Suggest_Typo_NamesTheNearestRole() =>
        Assert.Equal("Registered Nurse", ReferenceData.Roles.Suggest("Registred Nurse"));

    [Fact]
    public void Suggest_Nonsense_SuggestsNothing() =>
        Assert.Null(ReferenceData.Roles.Suggest("Astronaut Commander"));

    [Theory]
    [InlineData("Senior Carer - Nights", "senior_care_worker")]
    [InlineData("Band 5 Staff Nurse, Acute Medicine", "registered_nurse")]
    [InlineData("Domiciliary Care Worker (Plymouth)", "home_care_worker")]
    public void FindWithin_JobTitle_TakesTheLongestAlias(string title, string code) =>
        Assert.Equal(code, ReferenceData.Roles.FindWithin(title)?.Code);

    [Fact]
    public void FindWithin_TitleWithNoAlias_IsNull() =>
        Assert.Null(ReferenceData.Roles.FindWithin("Campaign Analyst"));

    [Fact]
    public void Reasons_MapEveryRealEsrLabel()
    {
        var labels = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "RealSamples", "esr_reasons_for_leaving_list.csv"))
            .Skip(1).Where(line => line.Length > 0).Select(line => line.Split(',')[0]);
        var unmapped = labels.Where(label => ReferenceData.Reasons.Find(label) is null).ToList();
        Assert.Empty(unmapped);
        Assert.Equal("work_life_balance", ReferenceData.Reasons.Find("Voluntary Resignation – Work Life Balance")?.Code);
        Assert.Equal("ill_health_retirement", ReferenceData.Reasons.Find("Retirement - Ill Health")?.Code);
    }

    [Theory]
    [InlineData("The worker moved to a role in the health sector", "other_health_care")]
    [InlineData("The worker moved to a different sector (for example, retail)", "left_sector")]
    [InlineData("LEFT_SECTOR", "left_sector")]
    [InlineData("within partnership", "within_partnership")]
    public void Destinations_AcceptAscWdsWordings(string text, string code) =>
        Assert.Equal(code, ReferenceData.Destinations.Find(text)?.Code);
}
