using Monitor.Core.Feeds;

namespace Monitor.Core.Linking;

/// <summary>Why an item was linked: the terms of the claims file it matched and the sentence that holds most of them.</summary>
public sealed record LinkEvidence(IReadOnlyList<string> Terms, string Sentence);

public sealed record TopicLink(string TopicId, double Score, LinkEvidence Evidence);

public sealed record ClaimLink(string ClaimId, IReadOnlyList<string> TopicIds, double Score, LinkEvidence Evidence);

/// <summary>One follow-up item linked to an article's topics and claims.</summary>
public sealed record CoverageLink(string ArticleId, FeedItem Item, IReadOnlyList<TopicLink> Topics, IReadOnlyList<ClaimLink> Claims);
