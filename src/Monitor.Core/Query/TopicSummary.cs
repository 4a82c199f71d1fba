using Monitor.Core.Articles;

namespace Monitor.Core.Query;

/// <summary>An article's topics and claims with the number of items linked to each.</summary>
public sealed record TopicSummary(Article Article, IReadOnlyDictionary<string, int> Counts)
{
    public int CountOf(string topicOrClaimId) => Counts.GetValueOrDefault(topicOrClaimId);
}
