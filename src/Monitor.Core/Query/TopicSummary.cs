using Monitor.Core.Articles;

namespace Monitor.Core.Query;

/// <summary>How many items are linked to a topic or claim, and when the first and the latest were published.</summary>
public sealed record LinkCount(int Items, DateTimeOffset? First, DateTimeOffset? Latest)
{
    public static readonly LinkCount None = new(0, null, null);
}

/// <summary>
/// An article's topics and claims with the items linked to each; <paramref name="ClaimsInTopics"/> counts a claim's
/// items that are also linked to one of its topics (a claim spans topics, so its total is not its count under each).
/// </summary>
public sealed record TopicSummary(Article Article, IReadOnlyDictionary<string, LinkCount> Counts,
    IReadOnlyDictionary<(string Claim, string Topic), LinkCount>? ClaimsInTopics = null)
{
    public int CountOf(string topicOrClaimId) => StatsOf(topicOrClaimId).Items;

    public LinkCount StatsOf(string topicOrClaimId) => Counts.GetValueOrDefault(topicOrClaimId) ?? LinkCount.None;

    /// <summary>The claim's items that are linked to the topic too.</summary>
    public LinkCount StatsOf(string claimId, string topicId) => ClaimsInTopics?.GetValueOrDefault((claimId, topicId)) ?? LinkCount.None;
}
