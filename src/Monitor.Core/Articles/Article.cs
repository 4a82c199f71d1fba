namespace Monitor.Core.Articles;

/// <summary>A monitored article: what it says (claims), grouped by topic, and when it was published.</summary>
public sealed class Article
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Url { get; init; }
    public string? Source { get; init; }
    /// <summary>Items published before this instant are background, not follow-up coverage.</summary>
    public required DateTimeOffset Published { get; init; }
    public string Text { get; init; } = "";
    public required IReadOnlyList<Topic> Topics { get; init; }
    public required IReadOnlyList<Claim> Claims { get; init; }

    public Topic? FindTopic(string id) => Topics.FirstOrDefault(t => t.Id == id);
    public Claim? FindClaim(string id) => Claims.FirstOrDefault(c => c.Id == id);
    public IEnumerable<Claim> ClaimsOf(string topicId) => Claims.Where(c => c.TopicIds.Contains(topicId));
}
