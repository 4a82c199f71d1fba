using Microsoft.Extensions.Logging;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// A shard that kept failing ends in the poison queue; its feeds are marked failing with the reason (so the
/// digest's feed health and `monitor feeds` show them) and their lease is cleared, so the normal backoff
/// retries them. Nothing handed out disappears silently.
/// </summary>
public sealed class PoisonShards(FeedStateStore states, TimeProvider time, ILogger<PoisonShards> logger)
{
    public static string Reason(int attempts, string? lastError) =>
        $"its polling shard failed {attempts} times and was set aside (poison queue)" + (lastError is { Length: > 0 } e ? $": {e}" : "");

    public async Task MarkFailingAsync(PollShard shard, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var known = await states.LoadAsync(shard.Feeds.Select(f => f.Key), cancellationToken).ConfigureAwait(false);
        var marked = shard.Feeds.DistinctBy(f => f.Key).Select(feed =>
        {
            var state = known.GetValueOrDefault(feed.Key) ?? new FeedState { Key = feed.Key, Url = feed.Url };
            PollHealth.Of(state).Failed(reason, now, state.Gone, fetched: null).ApplyTo(state);
            state.LeaseUntil = null;
            return state;
        }).ToList();
        await states.SaveManyAsync(marked, cancellationToken).ConfigureAwait(false);
        logger.LogWarning("Shard {Shard} set aside: {Feeds} feeds marked failing: {Reason}", shard.Id, marked.Count, reason);
    }
}
