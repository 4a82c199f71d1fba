using Monitor.Core.Storage;

namespace Monitor.Core.Feeds.Subscriptions;

/// <summary>
/// A subscription with the health the poller recorded for it (partition "feed"), as `feeds list` shows it.
/// Status: "new" (never polled), "ok" (last attempt succeeded), "failing" (see LastError), "broken" (failing and never
/// once fetched successfully: in trouble from its first failure, like a mistyped URL), "gone" (HTTP 410).
/// </summary>
public sealed record SubscribedFeed(
    string Url, string? Title, DateTimeOffset Added, string Status,
    DateTimeOffset? LastAttempt, DateTimeOffset? LastSuccess, string? LastError, DateTimeOffset? LastErrorAt,
    int ConsecutiveFailures, DateTimeOffset? NextPoll, long ItemsStored)
{
    public static IReadOnlyList<SubscribedFeed> Combine(IEnumerable<Subscription> subscriptions, IReadOnlyDictionary<string, FeedState> states) =>
        subscriptions.Select(s => From(s, states.GetValueOrDefault(s.Key))).ToList();

    private static SubscribedFeed From(Subscription s, FeedState? state)
    {
        var status = state?.LastAttempt is null ? "new"
            : state.Gone ? "gone"
            : state.ConsecutiveFailures > 0 ? (state.LastSuccess is null ? "broken" : "failing")
            : "ok";
        return new SubscribedFeed(s.Url, s.Title ?? state?.Title, s.Added, status,
            state?.LastAttempt, state?.LastSuccess, state?.LastError, state?.LastErrorAt,
            state?.ConsecutiveFailures ?? 0, state?.NextPoll, state?.ItemsStored ?? 0);
    }
}
