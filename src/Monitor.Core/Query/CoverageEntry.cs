namespace Monitor.Core.Query;

/// <summary>One follow-up item as a coverage reader sees it: the item, the topics it is linked to, and the claims with why.</summary>
public sealed record CoverageEntry(
    string ItemId,
    string Url,
    string Title,
    string Summary,
    string Source,
    DateTimeOffset Published,
    IReadOnlyList<string> Topics,
    IReadOnlyList<ClaimEvidence> Claims,
    double Score,
    IReadOnlyList<string> Terms,
    string Sentence);

/// <summary>A claim an item bears on, its score in [0, 1) and the matched terms and sentence.</summary>
public sealed record ClaimEvidence(string Id, double Score, IReadOnlyList<string> Terms, string Sentence);
