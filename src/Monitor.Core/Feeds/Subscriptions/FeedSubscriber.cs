namespace Monitor.Core.Feeds.Subscriptions;

/// <summary>
/// Subscribes a feed, the one way `monitor feeds add` and POST api/feeds both do it: the URL is fetched with the
/// poller's own fetcher and parser first (its limits and private-network policy apply), and a web page that is
/// not a feed is scanned for the feeds it links. A linked feed is fetched too: a link can point at something
/// the poller cannot read.
/// </summary>
public sealed class FeedSubscriber(SubscriptionStore subscriptions, FeedProbe probe)
{
    public async Task<SubscribeResult> SubscribeAsync(SubscribeRequest request, CancellationToken cancellationToken = default)
    {
        var (url, title) = (request.Url, request.Title);
        if (!request.Check)
            return Subscribed(url, [await AddAsync(new FeedSource(url, title), cancellationToken).ConfigureAwait(false)]);

        // Already subscribed: nothing to fetch.
        if (await subscriptions.GetAsync(url, cancellationToken).ConfigureAwait(false) is { } existing)
            return new SubscribeResult(SubscribeOutcome.AlreadySubscribed, url) { Existing = existing };
        var result = await probe.ProbeAsync(url, cancellationToken).ConfigureAwait(false);
        switch (result.Kind)
        {
            case ProbeKind.Feed:
                return Subscribed(url, [await AddAsync(new FeedSource(url, title ?? result.Title), cancellationToken).ConfigureAwait(false)]);
            case ProbeKind.Failed:
                return new SubscribeResult(SubscribeOutcome.NotReadable, url) { Unreadable = url, Reason = result.Reason };
        }

        var found = result.Candidates;
        if (found.Count == 0) return new SubscribeResult(SubscribeOutcome.NoFeedLinked, url);
        if (found.Count > 1 && !request.All) return new SubscribeResult(SubscribeOutcome.SeveralFeeds, url) { Linked = found };
        var tried = new List<FeedAttempt>();
        foreach (var feed in found)
        {
            var check = await probe.ProbeAsync(feed.Url, cancellationToken).ConfigureAwait(false);
            if (check.Kind != ProbeKind.Feed)
            {
                var reason = check.Reason ?? "a web page, not a feed";
                if (found.Count == 1)
                    return new SubscribeResult(SubscribeOutcome.NotReadable, url) { Linked = found, Unreadable = feed.Url, Reason = reason };
                tried.Add(new FeedAttempt(feed, Added: false, SkippedBecause: reason));
                continue;
            }
            // A title given names one feed; several found on a page keep their own.
            var named = new FeedSource(feed.Url, (found.Count == 1 ? title : null) ?? check.Title ?? feed.Title);
            tried.Add(await AddAsync(named, cancellationToken).ConfigureAwait(false));
        }
        return tried.All(t => t.SkippedBecause is not null)
            ? new SubscribeResult(SubscribeOutcome.NoneReadable, url) { Linked = found, Feeds = tried }
            : new SubscribeResult(SubscribeOutcome.Subscribed, url) { Linked = found, Feeds = tried };
    }

    private async Task<FeedAttempt> AddAsync(FeedSource feed, CancellationToken cancellationToken) =>
        new(feed, await subscriptions.AddAsync(feed, cancellationToken).ConfigureAwait(false));

    private static SubscribeResult Subscribed(string url, IReadOnlyList<FeedAttempt> tried) =>
        new(SubscribeOutcome.Subscribed, url) { Feeds = tried };
}
