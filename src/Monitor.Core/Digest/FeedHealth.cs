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
    private readonly IReadOnlyList<(FeedSource Feed, FeedState? State)> _feeds;

    private FeedHealth(IReadOnlyList<(FeedSource, FeedState?)> feeds) => _feeds = feeds;

    public static async Task<FeedHealth> LoadAsync(SubscriptionHealth subscriptions, CancellationToken cancellationToken)
    {
        var feeds = await subscriptions.PolledAsync(cancellationToken).ConfigureAwait(false);
        return new FeedHealth(feeds.DistinctBy(f => f.Feed.Key).Select(f => (f.Feed, f.State)).ToList());
    }

    public FeedCheck Check(DateTimeOffset start, DateTimeOffset end, TimeSpan troubleAfter)
    {
        var checkedCount = _feeds.Count(f => f.State?.LastAttempt is { } at && at >= start && at < end);
        var trouble = new List<FeedTrouble>();
        foreach (var (feed, state) in _feeds)
        {
            if (state is null || (state.ConsecutiveFailures == 0 && !state.Gone)) continue;
            // Failing since the last success, for longer than the grace. A feed that never once worked has no
            // success to fall back on: it is in trouble from its first failure (a typo'd URL must not wait a day).
            if (state.LastSuccess is { } success && end - success <= troubleAfter) continue;
            trouble.Add(new FeedTrouble(feed.Url, state.Title ?? feed.Title, state.LastError, state.LastSuccess, state.ConsecutiveFailures, state.Gone));
        }
        var failing = _feeds.Count(f => f.State is { } st && (st.ConsecutiveFailures > 0 || st.Gone));
        return new FeedCheck(checkedCount, _feeds.Count, trouble.OrderBy(t => t.FailingSince ?? DateTimeOffset.MinValue).ThenBy(t => t.Url, StringComparer.Ordinal).ToList(), failing);
    }
}
