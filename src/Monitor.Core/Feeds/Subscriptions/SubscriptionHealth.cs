using Monitor.Core.Storage;

namespace Monitor.Core.Feeds.Subscriptions;

/// <summary>
/// The subscriptions joined with the health the poller recorded (two queries: the subscriptions, every feed's
/// state), the one reader behind `monitor feeds list`, GET api/feeds and the digest's feeds in trouble.
/// </summary>
public sealed class SubscriptionHealth(ConfiguredFeeds configured, SubscriptionStore subscriptions, FeedStateStore states)
{
    /// <summary>Every subscription with its status, as `feeds list` and GET api/feeds show them.</summary>
    public async Task<IReadOnlyList<SubscribedFeed>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false);
        var all = await states.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        return SubscribedFeed.Combine(list, all);
    }

    /// <summary>The feeds passes poll (the configured feed file when there is one, else the subscriptions) with their state.</summary>
    public async Task<IReadOnlyList<PolledFeed>> PolledAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<(FeedSource Feed, DateTimeOffset? Added)> feeds = configured.OverrideFile is null
            ? (await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false)).Select(s => (s.ToSource(), (DateTimeOffset?)s.Added)).ToList()
            : (await configured.LoadAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Select(f => (f, (DateTimeOffset?)null)).ToList();
        var all = await states.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        return feeds.Select(f => new PolledFeed(f.Feed, all.GetValueOrDefault(f.Feed.Key), f.Added)).ToList();
    }
}
