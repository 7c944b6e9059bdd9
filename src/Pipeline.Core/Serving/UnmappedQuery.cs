namespace Pipeline.Core.Serving;

/// <summary>One text no alias or mapping knows today, for one partner: how much it affected and when it was last seen.</summary>
public sealed record UnmappedEntry(string Kind, string Text, string Partner, int Rows, int Uploads, DateTime LastSeen);

public sealed record UnmappedReport(IReadOnlyList<UnmappedEntry> Unmapped);

/// <summary>
/// <c>GET /api/unmapped[?partner=ID][&amp;kind=role|reason|destination]</c>: the texts that refused
/// rows (roles) or fell back to <c>other</c>/<c>unknown</c> (reasons, destinations), by partner,
/// most rows first, so a coordinator can map them. A text a mapping added since now knows is left out.
/// </summary>
public sealed class UnmappedQuery(MappingStore mappingStore, UnmappedLog unmappedLog, ServingAccess access)
{
    private static readonly string[] Allowed = ["partner", "kind"];

    public async Task<ServingResponse> AnswerAsync(Caller caller, QueryParameters parameters, CancellationToken cancellationToken)
    {
        if (access.Unmapped(caller).Refusal is { } refusal)
        {
            return refusal;
        }
        var errors = parameters.CheckNames(Allowed);
        var partner = parameters.One("partner", errors);
        if (partner is not null && !PartnerIds.IsValid(partner))
        {
            errors.Add(PartnerIds.NotAnId(partner));
        }
        var kind = parameters.One("kind", errors);
        if (kind is not null && !VocabularyKinds.All.Contains(kind))
        {
            errors.Add($"kind must be {string.Join(", ", VocabularyKinds.All)}, not '{kind}'.");
        }
        if (errors.Count > 0)
        {
            return ServingResponse.BadRequest(errors);
        }
        return ServingResponse.Json(new UnmappedReport(await ListAsync(partner, kind, cancellationToken)));
    }

    public async Task<IReadOnlyList<UnmappedEntry>> ListAsync(string? partner, string? kind, CancellationToken cancellationToken)
    {
        var mappings = await mappingStore.ListAsync(cancellationToken);
        var sightings = await unmappedLog.ListAsync(partner, cancellationToken);
        var vocabularies = new Dictionary<string, Vocabulary>(StringComparer.Ordinal);
        return sightings
            .Where(s => kind is null || s.Kind == kind)
            .GroupBy(s => (s.Partner, s.Kind, Key: Taxonomy.Key(s.Text)))
            .Where(group =>
            {
                var vocabulary = vocabularies.TryGetValue(group.Key.Partner, out var known) ? known
                    : vocabularies[group.Key.Partner] = new Vocabulary(group.Key.Partner, mappings);
                return vocabulary.Find(group.Key.Kind, group.First().Text) is null;
            })
            .Select(group =>
            {
                var latest = group.MaxBy(s => s.UploadedAt)!;
                return new UnmappedEntry(group.Key.Kind, latest.Text, group.Key.Partner, group.Sum(s => s.Rows),
                    group.Select(s => (s.Dataset, s.Sha256)).Distinct().Count(), latest.UploadedAt.UtcDateTime);
            })
            .OrderByDescending(e => e.Rows).ThenByDescending(e => e.LastSeen)
            .ThenBy(e => e.Partner, StringComparer.Ordinal).ThenBy(e => e.Text, StringComparer.Ordinal)
            .ToList();
    }
}
