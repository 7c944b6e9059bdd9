namespace Pipeline.Synthetic;

/// <summary>What leavers' records say: ESR leaving reasons, ASC-WDS destination wordings, age bands and comments.</summary>
internal static class ExitVocabulary
{
    /// <summary>Reason code, how often it is given, its ESR texts (NHS Digital's list) and plain words a care provider types.</summary>
    public static readonly IReadOnlyList<(string Code, int Weight, string[] Esr, string[] Plain)> Reasons =
    [
        ("work_life_balance", 20, ["Voluntary Resignation - Work Life Balance"], ["Work life balance", "Shift patterns"]),
        ("relocation", 15, ["Voluntary Resignation - Relocation"], ["Moving away", "Relocating"]),
        ("retirement", 10, ["Retirement Age", "Flexi Retirement", "Voluntary Early Retirement - no Actuarial Reduction"], ["Retired", "Early retirement"]),
        ("pay", 9, ["Voluntary Resignation - Pay and Reward Related"], ["Better pay", "Pay"]),
        ("promotion", 8, ["Voluntary Resignation - Promotion"], ["Career progression", "Promotion"]),
        ("caring_responsibilities", 6, ["Voluntary Resignation - Child Dependants", "Voluntary Resignation - Adult Dependants"], ["Childcare", "Family commitments"]),
        ("health", 6, ["Voluntary Resignation - Health"], ["Stress", "Health reasons"]),
        ("lack_of_opportunities", 5, ["Voluntary Resignation - Lack of Opportunities"], ["No progression"]),
        ("working_relationships", 5, ["Voluntary Resignation - Incompatible Working Relationships"], ["Relationship with manager"]),
        ("end_of_contract", 5, ["End of Fixed Term Contract", "End of Fixed Term Contract - Completion of Training Scheme"], ["Contract ended"]),
        ("education_training", 4, ["Voluntary Resignation - To undertake further education or training"], ["Returning to study", "University"]),
        ("other", 3, ["Voluntary Resignation - Other/Not Known"], ["Other"]),
        ("dismissal", 2, ["Dismissal - Capability", "Dismissal - Conduct"], ["Failed probation"]),
        ("ill_health_retirement", 1, ["Retirement - Ill Health"], ["Ill health retirement"]),
        ("redundancy", 1, ["Redundancy - Voluntary", "Redundancy - Compulsory"], ["Made redundant"]),
        ("transfer", 1, ["Employee Transfer"], ["TUPE transfer"]),
    ];

    public static readonly int[] ReasonWeights = Reasons.Select(r => r.Weight).ToArray();

    /// <summary>Destination code, its weight among leavers who are not retiring, ASC-WDS wordings and plain words.</summary>
    public static readonly IReadOnlyList<(string Code, int Weight, string[] AscWds, string[] Plain)> Destinations =
    [
        ("within_partnership", 15, ["Moved to another partner organisation"], ["Within partnership", "Internal move"]),
        ("other_health_care", 30, ["The worker moved to a role in the health sector", "The worker moved to another adult social care employer"], ["Other NHS trust", "Care sector"]),
        ("left_sector", 25, ["The worker moved to a different sector (for example, retail)"], ["Left sector", "Retail", "Hospitality"]),
        ("unknown", 15, ["The worker chose to leave (destination not known)", "Reason not known"], ["Not known", "N/K"]),
    ];

    public static readonly int[] DestinationWeights = Destinations.Select(d => d.Weight).ToArray();

    public static readonly IReadOnlyList<string> AgeBands = ["16-24", "25-34", "35-44", "45-54", "55-64", "65+"];

    public static readonly int[] AgeBandWeights = [8, 24, 24, 22, 16, 6];

    public static readonly IReadOnlyList<string> Comments =
    [
        "Enjoyed working with the team",
        "Rota changes made childcare impossible",
        "Agency pays £3 an hour more for the same shifts",
        "Would come back if there were more daytime hours",
        "Felt well supported by my manager, but the travel was too much",
        "Couldn't get the training I was promised",
        "Moving closer to family",
        "Fuel costs for home visits were not covered, and mileage rates are too low",
        "Staffing levels on nights were \"unsafe\" at times",
        "Café staff and porters were lovely",
    ];

    // Fictional people and numbers from Ofcom's range reserved for drama (07700 900000-900999).
    public static readonly IReadOnlyList<string> FirstNames = ["Sarah", "Tom", "Zoë", "Renée", "Jamie", "Priya", "Kernow", "Bethan"];

    public static readonly IReadOnlyList<string> LastNames = ["Pengelly", "Trevithick", "Hawke", "Nancarrow", "O'Brien", "Chenoweth", "Rowe"];

    public static readonly IReadOnlyList<string> PersonalCommentTemplates =
    [
        "Please contact me on {phone} – {name}",
        "My manager {name} was great. Call me on {phone} if you need a reference",
        "{name}, {phone}: happy to talk about why I left",
    ];
}
