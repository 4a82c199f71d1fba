using Monitor.Core.Feeds;

namespace Monitor.Core.Linking;

/// <summary>
/// Why an item was linked: the terms of the claims file it matched (spellings in other languages carry their
/// tag, "ru:Армения") and the sentence of the item, in its own language, that holds most of them.
/// </summary>
public sealed record LinkEvidence(IReadOnlyList<string> Terms, string Sentence)
{
    /// <summary>The signals behind the score; null for links stored before signals were recorded.</summary>
    public LinkSignals? Signals { get; init; }
}

/// <summary>
/// The signals behind a link's score: how many of the rule's required groups matched (all must), how many
/// distinct keywords matched against the rule's minimum, and the score they give.
/// </summary>
public sealed record LinkSignals(int RequiredGroups, int Keywords, int MinKeywords, double Score)
{
    public override string ToString() =>
        $"{RequiredGroups} required group{(RequiredGroups == 1 ? "" : "s")}, {Keywords} keyword{(Keywords == 1 ? "" : "s")} (min {MinKeywords}): {Score:0.00}";
}

public sealed record TopicLink(string TopicId, double Score, LinkEvidence Evidence);

public sealed record ClaimLink(string ClaimId, IReadOnlyList<string> TopicIds, double Score, LinkEvidence Evidence);

/// <summary>One follow-up item linked to an article's topics and claims.</summary>
public sealed record CoverageLink(string ArticleId, FeedItem Item, IReadOnlyList<TopicLink> Topics, IReadOnlyList<ClaimLink> Claims)
{
    /// <summary>The item's language (ISO 639-1, see <see cref="LanguageIdentifier"/>).</summary>
    public string Lang { get; init; } = TermTag.English;
}
