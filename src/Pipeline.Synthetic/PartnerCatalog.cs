namespace Pipeline.Synthetic;

/// <summary>Fictional partners for each sector, with the roles, sites and job titles such an organisation has.</summary>
internal static class PartnerCatalog
{
    private sealed record SectorProfile(
        string Sector,
        (string Id, string Name)[] Names,
        RoleHeadcount[] Roles,
        string[][] SiteSets,
        string LeaverIdPrefix,
        int LeaverIdDigits);

    // The first partner is a care provider with a non-ASCII site name, so every run has text
    // that only survives if a file's declared encoding is honoured.
    private static readonly string[] SectorOrder =
        ["care_provider", "nhs_trust", "local_authority", "primary_care", "care_provider", "voluntary", "nhs_trust", "care_provider", "primary_care", "local_authority", "voluntary", "care_provider"];

    private static readonly SectorProfile[] Profiles =
    [
        new("care_provider",
            [("harbour-view-care", "Harbour View Care Ltd"), ("moorside-homecare", "Moorside Homecare"), ("oakleigh-care-homes", "Oakleigh Care Homes"), ("st-annes-nursing", "St Anne's Nursing Home"), ("trelawny-care", "Trelawny Care Services")],
            [new("care_worker", 48), new("senior_care_worker", 10), new("home_care_worker", 30), new("registered_manager", 2)],
            [["Maison Léa, Saltash", "Trelawny Lodge"], [], ["Chapel Street, Tavistock", "Moorview House"], []],
            "EMP", 5),
        new("nhs_trust",
            [("tamar-valley-nhs", "Tamar Valley Hospitals NHS Foundation Trust"), ("moorland-community-nhs", "Moorland Community Health NHS Trust"), ("riverside-mh-nhs", "Riverside Mental Health NHS Trust")],
            [new("registered_nurse", 620), new("mental_health_nurse", 140), new("healthcare_assistant", 360), new("doctor", 260), new("physiotherapist", 80), new("occupational_therapist", 60), new("admin_clerical", 310), new("estates_ancillary", 170)],
            [["Derriford Hospital", "Mount Gould, Plymouth"], [], ["Royal Infirmary", "Hôpital Annexe, St Austell"]],
            "E", 6),
        new("local_authority",
            [("southmoor-council", "Southmoor City Council"), ("westcombe-county", "Westcombe County Council")],
            [new("social_worker", 90), new("occupational_therapist", 22), new("care_worker", 64), new("home_care_worker", 40)],
            [["North locality", "South & West locality"], []],
            "LA", 5),
        new("primary_care",
            [("stonehouse-medical", "Stonehouse Medical Group"), ("plym-valley-pcn", "Plym Valley Primary Care Network")],
            [new("gp", 12), new("registered_nurse", 7), new("admin_clerical", 16), new("pharmacist", 3)],
            [[], ["Stonehouse Surgery", "Cremyll Road Surgery"]],
            "P", 5),
        new("voluntary",
            [("carers-together", "Carers Together"), ("age-well-trust", "Age Well Trust")],
            [new("care_worker", 18), new("senior_care_worker", 4), new("admin_clerical", 5)],
            [[]],
            "V", 4),
    ];

    /// <summary>Titles partners use for a role in place of the taxonomy's name, where the sector has a habit.</summary>
    private static readonly Dictionary<(string Sector, string Role), string> SectorTitles = new()
    {
        [("primary_care", "registered_nurse")] = "Practice Nurse",
        [("local_authority", "home_care_worker")] = "Reablement Worker",
    };

    /// <summary>The real-world mode's national titles: NHS ESR for trusts, ASC-WDS job roles for social care.</summary>
    private static readonly Dictionary<(string Sector, string Role), string> NationalTitles = new()
    {
        [("nhs_trust", "registered_nurse")] = "Nursing and Midwifery Registered",
        [("nhs_trust", "mental_health_nurse")] = "Registered Nurse - Mental Health",
        [("nhs_trust", "healthcare_assistant")] = "Additional Clinical Services",
        [("nhs_trust", "doctor")] = "Medical and Dental",
        [("nhs_trust", "physiotherapist")] = "Allied Health Professionals",
        [("nhs_trust", "admin_clerical")] = "Administrative and Clerical",
        [("nhs_trust", "estates_ancillary")] = "Estates & Ancillary",
        [("care_provider", "senior_care_worker")] = "Senior Care Worker",
        [("care_provider", "registered_manager")] = "Registered Manager",
        [("local_authority", "care_worker")] = "Community, Support and Outreach Work",
        [("primary_care", "gp")] = "General Medical Practitioner",
        [("primary_care", "admin_clerical")] = "Clerical Worker",
        [("voluntary", "senior_care_worker")] = "Supervisor",
        [("voluntary", "admin_clerical")] = "Administrative, office staff (non care-providing)",
    };

    /// <summary>
    /// The real-world mode's local titles, which no list knows: the generated mappings file maps them,
    /// for the one partner that uses it or for every partner.
    /// </summary>
    private static readonly Dictionary<(string Sector, string Role), (string Title, bool PartnerOnly)> LocalTitles = new()
    {
        [("care_provider", "home_care_worker")] = ("Dom Care Worker (Rota B)", true),
        [("local_authority", "home_care_worker")] = ("Reablement Assistant (Short Term)", false),
    };

    /// <summary>The mappings that make the partners' local titles known (real-world mode).</summary>
    public static IReadOnlyList<VocabularyMapping> MappingsFor(IEnumerable<SyntheticPartner> partners) =>
        partners
            .SelectMany(partner => partner.RoleTitles
                .Where(title => LocalTitles.TryGetValue((partner.Sector, title.Key), out var local) && local.Title == title.Value)
                .Select(title => new VocabularyMapping(VocabularyKinds.Role, title.Value, title.Key, LocalTitles[(partner.Sector, title.Key)].PartnerOnly ? partner.Id : null)))
            .Distinct()
            .ToList();

    public static IReadOnlyList<SyntheticPartner> Create(int count, int seed, bool realWorld)
    {
        var partners = new List<SyntheticPartner>(count);
        var perSector = new Dictionary<string, int>();
        for (var index = 0; index < count; index++)
        {
            var profile = Profiles.Single(p => p.Sector == SectorOrder[index % SectorOrder.Length]);
            var nth = perSector.GetValueOrDefault(profile.Sector);
            perSector[profile.Sector] = nth + 1;
            partners.Add(Create(profile, index, nth, seed, realWorld));
        }
        return partners;
    }

    /// <summary>A partner that has left the partnership: registered, inactive, and uploading nothing.</summary>
    public static (string Id, string Name, string Sector) Inactive => ("bayside-care-closed", "Bayside Care (closed)", "care_provider");

    private static SyntheticPartner Create(SectorProfile profile, int index, int nth, int seed, bool realWorld)
    {
        var random = SeededRandom.For(seed, "partner", index);
        var (baseId, baseName) = profile.Names[nth % profile.Names.Length];
        var round = nth / profile.Names.Length;
        var id = round == 0 ? baseId : $"{baseId}-{round + 1}";
        var name = round == 0 ? baseName : $"{baseName} {round + 1}";
        var sites = profile.SiteSets[nth % profile.SiteSets.Length];
        var titles = profile.Roles.ToDictionary(r => r.Role, r => realWorld && RealWorldTitle(profile.Sector, r.Role) is { } real
            ? real
            : TitleFor(profile.Sector, r.Role, ref random));
        return new SyntheticPartner(
            index, id, name, profile.Sector, profile.Roles, sites, titles,
            profile.LeaverIdPrefix, profile.LeaverIdDigits,
            Size: random.Between(0.6, 1.4),
            ReportsAdverts: random.Chance(0.7),
            ReportsAgency: profile.Sector is "nhs_trust" or "care_provider" || random.Chance(0.3),
            ReportsEstablishment: random.Chance(0.6),
            RoundsEstablishment: random.Chance(0.3));
    }

    private static string? RealWorldTitle(string sector, string role) =>
        LocalTitles.TryGetValue((sector, role), out var local) ? local.Title : NationalTitles.GetValueOrDefault((sector, role));

    /// <summary>The code, the display name or one of the taxonomy's aliases for the role, as this partner writes it.</summary>
    private static string TitleFor(string sector, string role, ref SeededRandom random)
    {
        if (SectorTitles.TryGetValue((sector, role), out var title))
        {
            return title;
        }
        var entry = ReferenceData.Roles.Get(role);
        var roll = random.NextDouble();
        if (roll < 0.15)
        {
            return entry.Code;
        }
        if (roll < 0.5)
        {
            return entry.Name;
        }
        // The taxonomy lists the commonest job titles first.
        var unambiguous = entry.Aliases.Where(a => ReferenceData.Roles.Find(a)?.Code == role).Take(6).ToList();
        return unambiguous.Count == 0 ? entry.Name : random.Pick(unambiguous);
    }
}
