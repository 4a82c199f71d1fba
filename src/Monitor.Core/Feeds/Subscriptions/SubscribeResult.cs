namespace Monitor.Core.Feeds.Subscriptions;

/// <summary>What to subscribe: a feed's URL (normalised) or a web page that links feeds.</summary>
/// <param name="Check">Fetch the URL first; false subscribes it as given (a feed that is down now).</param>
/// <param name="All">When the page links several feeds, subscribe every readable one instead of asking which.</param>
public sealed record SubscribeRequest(string Url, string? Title = null, bool Check = true, bool All = false);

public enum SubscribeOutcome
{
    /// <summary>The feeds in <see cref="SubscribeResult.Feeds"/> were tried: at least one is subscribed now or was already.</summary>
    Subscribed,
    /// <summary>The URL was subscribed before; nothing was fetched (see <see cref="SubscribeResult.Existing"/>).</summary>
    AlreadySubscribed,
    /// <summary>The URL, or the one feed its page links, is not a feed the poller can read (see <see cref="SubscribeResult.Reason"/>).</summary>
    NotReadable,
    /// <summary>A web page that links no feed.</summary>
    NoFeedLinked,
    /// <summary>A web page that links several feeds, and the request did not ask for all of them.</summary>
    SeveralFeeds,
    /// <summary>All of a page's feeds were asked for, and none of them could be read.</summary>
    NoneReadable,
}

/// <summary>One feed tried: subscribed now (Added), subscribed already, or skipped because it could not be read.</summary>
public sealed record FeedAttempt(FeedSource Feed, bool Added, string? SkippedBecause = null);

/// <summary>What subscribing came to; each host words it (an exit code and lines, or an HTTP answer or problem).</summary>
public sealed record SubscribeResult(SubscribeOutcome Outcome, string Url)
{
    /// <summary>The feeds the web page at <see cref="Url"/> links; empty when the URL is itself a feed.</summary>
    public IReadOnlyList<FeedSource> Linked { get; init; } = [];

    /// <summary>The feeds tried, in order.</summary>
    public IReadOnlyList<FeedAttempt> Feeds { get; init; } = [];

    public Subscription? Existing { get; init; }

    /// <summary>NotReadable: the feed that could not be read (the URL, or the one feed its page links) and why.</summary>
    public string? Unreadable { get; init; }

    public string? Reason { get; init; }
}
