using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Core.Feeds;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>What a dispatcher run did: feeds handed out in shards, and those it left alone and why.</summary>
public sealed record DispatchReport(int Feeds, int Dispatched, int Shards, int NotDue, int InFlight, TimeSpan Elapsed);

/// <summary>
/// The fan-out's timer side. One query reads when every feed is due and whether it is already handed out;
/// the due feeds are leased (an ETag-checked write per 100 feeds) and only the leased ones are enqueued, in
/// shards grouped by host. A dispatcher running while the last pass's shards are in flight finds their feeds
/// leased and leaves them alone; a lease that outlives its worker expires and the feed is handed out again.
/// After sending, it recounts the days the last pass's shards marked, once for all of them (see <see cref="CoverageCounts"/>).
/// </summary>
public sealed class ShardDispatcher(FeedLeases leases, ShardQueue queue, CoverageStore coverage, IOptions<PollingOptions> options, TimeProvider time, ILogger<ShardDispatcher> logger)
{
    public async Task<DispatchReport> DispatchAsync(IReadOnlyList<FeedSource> feeds, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var o = options.Value;
        await queue.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var schedule = await leases.LoadScheduleAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        int notDue = 0, inFlight = 0;
        var due = new List<(FeedSource Feed, FeedSchedule? Known)>();
        foreach (var feed in feeds.DistinctBy(f => f.Key))
        {
            var known = schedule.GetValueOrDefault(feed.Key);
            if (known?.NextPoll is { } next && next > now) notDue++;
            else if (known?.LeaseUntil is { } until && until > now) inFlight++;
            else due.Add((feed, known));
        }

        var leased = await leases.LeaseAsync(due.Select(d => (d.Feed.Key, d.Feed.Url, d.Known)), now + o.LeaseDuration, cancellationToken).ConfigureAwait(false);
        inFlight += due.Count - leased.Count;
        var shards = ShardPlanner.Plan(due.Select(d => d.Feed).Where(f => leased.Contains(f.Key)), o.ShardFeeds, o.MaxShardFeeds,
            now.ToString("yyyyMMddHHmmss") + "-" + Guid.NewGuid().ToString("N")[..8]);
        // A shard whose send fails keeps its feeds leased until the lease expires; the next run after that sends them.
        await Parallel.ForEachAsync(shards, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (shard, ct) => await queue.SendAsync(shard, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var report = new DispatchReport(feeds.Count, leased.Count, shards.Count, notDue, inFlight, clock.Elapsed);
        logger.LogInformation("Dispatch: {Dispatched} due feeds in {Shards} shards, {NotDue} not due, {InFlight} still in flight, in {Elapsed}",
            report.Dispatched, report.Shards, report.NotDue, report.InFlight, report.Elapsed);

        // Then the days the last pass's shards marked are counted, once, while the workers start on this pass.
        if (await coverage.TrySettleCountsAsync(cancellationToken).ConfigureAwait(false) is { } reason)
            logger.LogWarning("Counts not recounted after dispatch: {Reason}", reason);
        return report;
    }
}
