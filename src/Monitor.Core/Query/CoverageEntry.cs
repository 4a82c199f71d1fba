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
    string Sentence)
{
    /// <summary>The signals behind <see cref="Score"/> for the asked topic.</summary>
    public Monitor.Core.Linking.LinkSignals? Signals { get; init; }

    /// <summary>The item's language (ISO 639-1; "und" when it could not be told, empty for rows stored before languages were).</summary>
    public string Lang { get; init; } = "";

    /// <summary>Every outlet that carried this item, the row's own source first.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [Source];

    /// <summary>Near-duplicates of this item (one story syndicated with small edits), shown once under it.</summary>
    public IReadOnlyList<RelatedItem> AlsoReported { get; init; } = [];
}

/// <summary>Another outlet's copy of the same story.</summary>
public sealed record RelatedItem(string Url, string Title, string Source, DateTimeOffset Published);

/// <summary>A claim an item bears on, its score in [0, 1) and the matched terms and sentence.</summary>
public sealed record ClaimEvidence(string Id, double Score, IReadOnlyList<string> Terms, string Sentence, Monitor.Core.Linking.LinkSignals? Signals = null);
