using System.Text.RegularExpressions;

namespace Pipeline.Core.Tests.Reference;

/// <summary>
/// Issue 11: the national lists partners export (NHS ESR, ASC-WDS) are aliases of the partnership's codes.
/// Each table is the decision written in docs/reference-data.md.
/// </summary>
public partial class NationalVocabularyTests
{
    /// <summary>NHS ESR staff groups, as ESR exports them (30-character forms included) and in full.</summary>
    public static TheoryData<string, string> EsrStaffGroups => new()
    {
        { "Add Prof Scientific and Technic", "pharmacy_technician" },
        { "Additional Professional Scientific and Technical", "pharmacy_technician" },
        { "Additional Clinical Services", "healthcare_assistant" },
        { "Administrative and Clerical", "admin_clerical" },
        { "Allied Health Professionals", "physiotherapist" },
        { "Estates and Ancillary", "estates_ancillary" },
        { "Estates & Ancillary", "estates_ancillary" },
        { "Healthcare Scientists", "other" },
        { "Medical and Dental", "doctor" },
        { "Nursing and Midwifery Registered", "registered_nurse" },
        { "Prof Scientific and Technic", "pharmacist" },
        { "Professional Scientific and Technical", "pharmacist" },
        { "Students", "other" },
    };

    /// <summary>Common ESR job role / position titles.</summary>
    public static TheoryData<string, string> EsrJobRoles => new()
    {
        { "Staff Nurse", "registered_nurse" },
        { "Sister/Charge Nurse", "registered_nurse" },
        { "Modern Matron", "registered_nurse" },
        { "Nurse Consultant", "registered_nurse" },
        { "Community Practitioner", "registered_nurse" },
        { "Registered Nurse - Mental Health", "mental_health_nurse" },
        { "Assistant/Associate Practitioner", "nursing_associate" },
        { "Healthcare Assistant", "healthcare_assistant" },
        { "Health Care Support Worker", "healthcare_assistant" },
        { "Nursery Nurse", "healthcare_assistant" },
        { "Physiotherapist", "physiotherapist" },
        { "Paramedic", "paramedic" },
        { "Pharmacist", "pharmacist" },
        { "Pharmacy Technician", "pharmacy_technician" },
        { "Consultant", "doctor" },
        { "Specialty Registrar", "doctor" },
        { "Foundation Year 1", "doctor" },
        { "Specialty Doctor", "doctor" },
        { "General Medical Practitioner", "gp" },
        { "Approved Social Worker", "social_worker" },
        { "Clerical Worker", "admin_clerical" },
        { "Secretary/Typist", "admin_clerical" },
        { "Receptionist", "admin_clerical" },
        { "Porter", "estates_ancillary" },
        { "Domestic", "estates_ancillary" },
        { "Gardener/Groundsperson", "estates_ancillary" },
        { "Maintenance Craftsperson", "estates_ancillary" },
    };

    /// <summary>ASC-WDS main job roles (Skills for Care), as care providers' exports name them.</summary>
    public static TheoryData<string, string> AscWdsJobRoles => new()
    {
        { "Senior Management", "registered_manager" },
        { "Middle Management", "registered_manager" },
        { "First-Line Manager", "registered_manager" },
        { "Registered Manager", "registered_manager" },
        { "Deputy Manager", "registered_manager" },
        { "Other Managerial Staff", "registered_manager" },
        { "Managers and staff (care-related, but not care-providing)", "registered_manager" },
        { "Supervisor", "senior_care_worker" },
        { "Team Leader", "senior_care_worker" },
        { "Senior Care Worker", "senior_care_worker" },
        { "Care Coordinator", "senior_care_worker" },
        { "Care Worker", "care_worker" },
        { "Community, Support and Outreach Work", "care_worker" },
        { "Employment Support", "care_worker" },
        { "Advice, Guidance and Advocacy", "care_worker" },
        { "Activities Worker, Coordinator", "care_worker" },
        { "Care Navigator", "care_worker" },
        { "Other (directly involved in providing care)", "care_worker" },
        { "Nursing Assistant", "healthcare_assistant" },
        { "Occupational Therapist Assistant", "healthcare_assistant" },
        { "Social Worker", "social_worker" },
        { "Safeguarding and Reviewing Officer", "social_worker" },
        { "Assessment Officer", "social_worker" },
        { "Occupational Therapist", "occupational_therapist" },
        { "Allied Health Professional (not Occupational Therapist)", "physiotherapist" },
        { "Registered Nurse", "registered_nurse" },
        { "Nursing Associate", "nursing_associate" },
        { "Technician", "other" },
        { "Administrative, office staff (non care-providing)", "admin_clerical" },
        { "Ancillary staff (non care-providing)", "estates_ancillary" },
        { "Other (not directly involved in providing care)", "other" },
        { "Any children's or young people's job role", "other" },
    };

    /// <summary>
    /// The ASC-WDS leaver list (tests/fixtures/real-samples) is one list of destinations and reasons:
    /// by its id, the destination and the reason each option counts as.
    /// </summary>
    private static readonly Dictionary<int, (string Destination, string Reason)> AscWdsLeaverOptions = new()
    {
        [1] = ("other_health_care", "other"),
        [2] = ("other_health_care", "other"),
        [3] = ("left_sector", "other"),
        [4] = ("within_partnership", "other"),
        [5] = ("unknown", "other"),
        [6] = ("retired", "retirement"),
        [7] = ("unknown", "dismissal"),
        [8] = ("unknown", "other"),
        [9] = ("unknown", "other"),
    };

    [Theory]
    [MemberData(nameof(EsrStaffGroups))]
    [MemberData(nameof(EsrJobRoles))]
    [MemberData(nameof(AscWdsJobRoles))]
    public void Roles_NationalTitle_MapsToTheExpectedCode(string title, string code) =>
        Assert.Equal(code, ReferenceData.Roles.Find(title)?.Code);

    [Fact]
    public void AscWdsLeaverOptions_EveryCurrentAndOlderText_MapsToTheExpectedDestinationAndReason()
    {
        var options = ReadAscWdsLeaverOptions();
        Assert.Equal(AscWdsLeaverOptions.Keys.Order(), options.Select(o => o.Id).Distinct().Order());
        foreach (var (id, text) in options)
        {
            var (destination, reason) = AscWdsLeaverOptions[id];
            Assert.True(destination == ReferenceData.Destinations.Find(text)?.Code, $"destination of '{text}'");
            Assert.True(reason == ReferenceData.Reasons.Find(text)?.Code, $"reason of '{text}'");
        }
    }

    [Fact]
    public void Key_Ampersand_ReadsAsAnd() =>
        Assert.Equal(Taxonomy.Key("Nursing and Midwifery Registered"), Taxonomy.Key("Nursing & Midwifery Registered"));

    [Theory]
    [InlineData("Reliability Maintenance Engineering Technician")]
    [InlineData("Warehouse Supervisor")]
    [InlineData("Retail Team Leader")]
    public void FindWithin_GeneralNationalTitle_DoesNotClassifyOtherJobs(string title) =>
        Assert.Null(ReferenceData.Roles.FindWithin(title));

    /// <summary>Lines like <c>1,The worker moved ...   [They moved ...]</c>: the current text and the older one in brackets.</summary>
    private static List<(int Id, string Text)> ReadAscWdsLeaverOptions()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "RealSamples", "ascwds_leaver_reasons_and_bulkupload_headers.txt"));
        var options = new List<(int, string)>();
        foreach (var match in lines.Select(line => LeaverOption().Match(line)).Where(m => m.Success))
        {
            var id = int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
            options.Add((id, match.Groups["current"].Value.Trim()));
            if (match.Groups["older"].Success)
            {
                options.Add((id, match.Groups["older"].Value.Trim()));
            }
        }
        return options;
    }

    [GeneratedRegex(@"^(?<id>\d+),(?<current>[^\[]+?)\s*(\[(?<older>[^\]]+)\])?\s*$")]
    private static partial Regex LeaverOption();
}
