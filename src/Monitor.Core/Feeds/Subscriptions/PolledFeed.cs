using Monitor.Core.Storage;

namespace Monitor.Core.Feeds.Subscriptions;

/// <summary>A feed passes poll, with the state the poller recorded (null: never polled) and, for a subscription, when it was added.</summary>
public sealed record PolledFeed(FeedSource Feed, FeedState? State, DateTimeOffset? Added);
