using Monitor.Core.Feeds;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// How one poll changes its feed's stored state, as a value: made while the feed is processed, applied only where
/// its batch is stored, after its items and links, then saved in one write (a cut-off pass never saves a state
/// ahead of its items). Every field is the new value, not a step, so applying it again (when a refused batch is
/// split and stored anew) changes nothing more.
/// </summary>
internal sealed record FeedChange(DateTimeOffset? Attempt, PollHealth Health, string? BodyHash)
{
    /// <summary>A new body whose items were stored: what the feed remembers of it.</summary>
    public StoredBody? Body { get; init; }
    /// <summary>False when nothing worth a storage write changed (a healthy feed answered 304 again).</summary>
    public bool WorthSaving { get; init; } = true;

    /// <summary>The feed answered with nothing new (304, or the body stored last time).</summary>
    public static FeedChange Unchanged(FeedState state, FetchResult fetched, DateTimeOffset now)
    {
        var before = PollHealth.Of(state);
        var health = before.Succeeded(fetched, now);
        return new(now, health, state.BodyHash) { WorthSaving = health.Differs(before) || state.StorageETag is null };
    }

    /// <summary>The feed failed; <paramref name="bodyHash"/> is what the body memo holds now.</summary>
    public static FeedChange Failed(FeedState state, FetchResult fetched, string reason, DateTimeOffset now, string? bodyHash) =>
        new(now, PollHealth.Of(state).Failed(reason, now, fetched.Status == FetchStatus.Gone, fetched), bodyHash);

    /// <summary>A new body was read; the change holds once its items and links are stored.</summary>
    public static FeedChange Read(FeedState state, FetchResult fetched, FeedIntake.Result read, int fresh, string bodyHash, DateTimeOffset now) =>
        new(now, PollHealth.Of(state).Succeeded(fetched, now), bodyHash)
        {
            Body = new StoredBody(
                read.Items.Select(x => x.Id).ToList(),
                HtmlText.ToPlainText(read.Parsed.Title, StoredLimits.MaxFeedTitle - 1) is { Length: > 0 } title ? title : null,
                StoredLimits.Validator(fetched.ETag),
                StoredLimits.Validator(fetched.LastModified),
                state.ItemsStored + fresh),
        };

    /// <summary>Tried, but storage failed before anything could be judged: only the attempt, not worth a write.</summary>
    public static FeedChange Attempted(FeedState state, DateTimeOffset now) => new(now, PollHealth.Of(state), state.BodyHash) { WorthSaving = false };

    public void ApplyTo(FeedState state)
    {
        state.LastAttempt = Attempt;
        Health.ApplyTo(state);
        state.BodyHash = BodyHash;
        Body?.ApplyTo(state);
    }

    /// <summary>What a feed keeps of a body whose items were stored: their ids, its title (if it had none), validators, a count.</summary>
    internal sealed record StoredBody(IReadOnlyList<string> ItemIds, string? Title, string? ETag, string? LastModified, long ItemsStored)
    {
        public void ApplyTo(FeedState state)
        {
            state.Remember(ItemIds);
            state.Title ??= Title;
            state.HttpETag = ETag;
            state.HttpLastModified = LastModified;
            state.ItemsStored = ItemsStored;
        }
    }
}
