namespace Monitor.Core.Feeds.Subscriptions;

/// <summary>A feed the user subscribed to (or one of the defaults imported on first use).</summary>
public sealed record Subscription(string Url, string? Title, DateTimeOffset Added)
{
    public string Key => FeedSource.KeyOf(Url);

    public FeedSource ToSource() => new(Url, Title);
}

/// <summary>What an import did: the feeds it subscribed and those that were subscribed already.</summary>
public sealed record ImportResult(IReadOnlyList<FeedSource> Added, IReadOnlyList<FeedSource> AlreadyPresent);
