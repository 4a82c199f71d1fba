using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Storage;

namespace Monitor.Core.Digest;

/// <summary>
/// The configured feeds (subscriptions, or the Feeds:File list) with the state the poller recorded, read once
/// per run: how many were checked in a period, and which have been failing too long.
/// </summary>
public sealed class FeedHealth
{
    private readonly IReadOnlyList<(FeedSource Feed, FeedState? State, DateTimeOffset? Added)> _feeds;

    private FeedHealth(IReadOnlyList<(FeedSource, FeedState?, DateTimeOffset?)> feeds) => _feeds = feeds;

    public static async Task<FeedHealth> LoadAsync(SubscriptionHealth subscriptions, CancellationToken cancellationToken)
    {
        var feeds = await subscriptions.PolledAsync(cancellationToken).ConfigureAwait(false);
        return new FeedHealth(feeds.DistinctBy(f => f.Feed.Key).Select(f => (f.Feed, f.State, f.Added)).ToList());
    }

    public FeedCheck Check(DateTimeOffset start, DateTimeOffset end, TimeSpan troubleAfter)
    {
        var checkedCount = _feeds.Count(f => f.State?.LastAttempt is { } at && at >= start && at < end);
        var trouble = new List<FeedTrouble>();
        foreach (var (feed, state, added) in _feeds)
        {
            if (state is null || (state.ConsecutiveFailures == 0 && !state.Gone)) continue;
            // Failing since the last success; a feed that never worked counts from its subscription, else from always.
            var since = state.LastSuccess ?? added;
            if (since is { } s && end - s <= troubleAfter) continue;
            trouble.Add(new FeedTrouble(feed.Url, state.Title ?? feed.Title, state.LastError, since, state.ConsecutiveFailures, state.Gone));
        }
        return new FeedCheck(checkedCount, _feeds.Count, trouble.OrderBy(t => t.FailingSince ?? DateTimeOffset.MinValue).ThenBy(t => t.Url, StringComparer.Ordinal).ToList());
    }
}
