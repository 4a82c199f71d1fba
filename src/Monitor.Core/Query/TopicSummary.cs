using Monitor.Core.Articles;

namespace Monitor.Core.Query;

/// <summary>How many items are linked to a topic or claim, and when the first and the latest were published.</summary>
public sealed record LinkCount(int Items, DateTimeOffset? First, DateTimeOffset? Latest)
{
    public static readonly LinkCount None = new(0, null, null);
}

/// <summary>An article's topics and claims with the items linked to each.</summary>
public sealed record TopicSummary(Article Article, IReadOnlyDictionary<string, LinkCount> Counts)
{
    public int CountOf(string topicOrClaimId) => StatsOf(topicOrClaimId).Items;

    public LinkCount StatsOf(string topicOrClaimId) => Counts.GetValueOrDefault(topicOrClaimId) ?? LinkCount.None;
}
