using Microsoft.Extensions.Logging;

namespace Monitor.Core.Polling;

/// <summary>A shard could not be finished (its results were not all stored); its message is to be delivered again.</summary>
public sealed class ShardFailedException(string message) : Exception(message);

/// <summary>
/// The fan-out's queue side: one shard is one small polling pass, the same pipeline as a whole pass (fetch →
/// parse → link → store). Delivery is at least once, and that is safe: item and coverage keys are
/// deterministic and feed rows are ETag-checked, so a shard run twice, or two shards racing on one feed,
/// store everything once. A shard whose results could not all be stored throws, so its message comes back.
/// </summary>
public sealed class ShardWorker(PollRunner runner, ILogger<ShardWorker> logger)
{
    public async Task<PollReport> ProcessAsync(PollShard shard, CancellationToken cancellationToken = default)
    {
        var report = await runner.RunShardAsync(shard.Feeds, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Shard {Shard}: {Feeds} feeds, {New} new items, {Failed} failed", shard.Id, shard.Feeds.Count, report.ItemsNew, report.FeedsFailed);
        if (report.Feeds.FirstOrDefault(f => f.StorageFailed) is { } failed)
            throw new ShardFailedException($"shard {shard.Id}: results not stored ({failed.Reason})");
        return report;
    }
}
