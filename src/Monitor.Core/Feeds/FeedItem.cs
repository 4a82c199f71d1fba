namespace Monitor.Core.Feeds;

/// <summary>A news item after normalisation: what is stored, linked and shown.</summary>
public sealed record FeedItem
{
    /// <summary>Stable id: a hash of the guid, else of the canonical link, else of the content.</summary>
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    /// <summary>Publication time in UTC; the first-seen time when the feed gives none.</summary>
    public required DateTimeOffset Published { get; init; }
    /// <summary>True when <see cref="Published"/> came from the feed rather than from first sight.</summary>
    public bool HasPublishedDate { get; init; } = true;
    public required string Source { get; init; }
    public required string FeedUrl { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
}
