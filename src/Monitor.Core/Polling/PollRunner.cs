using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Fetching;
using Monitor.Core.Linking;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// One polling pass, top to bottom: read the feeds' states; poll the feeds concurrently (fetch, parse, link:
/// <see cref="FeedPoller"/>); gather what they produced into batches (<see cref="WriteBatcher"/>); store each
/// batch with a single writer: items, then links, then each feed's <see cref="FeedChange"/> applied to its state
/// and the states saved in one write. Storage costs a few transactions per batch instead of several requests per
/// feed, and no state is saved ahead of its items: a pass cut off anywhere and run again stores everything
/// exactly once. One broken feed is recorded and the pass goes on.
/// </summary>
public sealed class PollRunner(
    FeedFetcher fetcher,
    Linker linker,
    ItemStore items,
    CoverageStore coverage,
    FeedStateStore states,
    HealthStore health,
    IOptions<FetchOptions> fetchOptions,
    TimeProvider time,
    ILogger<PollRunner> logger)
{
    private readonly FeedPoller _poller = new(fetcher, linker, items, fetchOptions.Value, time, logger);

    /// <summary>A pass over the whole list in this process: one query reads every feed's state.</summary>
    public async Task<PollReport> RunAsync(IReadOnlyList<FeedSource> feeds, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        // One query for every feed's state; a storage problem surfaces here, before any feed is fetched.
        var known = await states.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        var report = await RunAsync(feeds, known, clock, cancellationToken).ConfigureAwait(false);
        // Counts the days the writes marked, once; a failure leaves them to the next read.
        if (await coverage.TrySettleCountsAsync(cancellationToken).ConfigureAwait(false) is { } reason)
            logger.LogWarning("Counts not recounted after the pass: {Reason}", reason);
        return report;
    }

    /// <summary>A pass over one shard of a fanned-out pass: only the shard's states are read.</summary>
    public async Task<PollReport> RunShardAsync(IReadOnlyList<FeedSource> feeds, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var known = await states.LoadAsync(feeds.Select(f => f.Key), cancellationToken).ConfigureAwait(false);
        return await RunAsync(feeds, known, clock, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PollReport> RunAsync(IReadOnlyList<FeedSource> feeds, Dictionary<string, FeedState> known, Stopwatch clock, CancellationToken cancellationToken)
    {
        var outcomes = new FeedOutcome[feeds.Count];
        // Deep enough that fetching goes on while a batch is written.
        var channel = Channel.CreateBounded<FeedWork>(new BoundedChannelOptions(64) { SingleReader = true });
        var writer = Task.Run(async () =>
        {
            try { await WriteBatcher.Default.RunAsync(channel.Reader, batch => StoreAsync(batch, outcomes, cancellationToken), cancellationToken).ConfigureAwait(false); }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e); // fetchers waiting on a full channel must not wait forever
                throw;
            }
        }, cancellationToken);
        try
        {
            var parallel = new ParallelOptions
            {
                MaxDegreeOfParallelism = Math.Max(1, fetchOptions.Value.MaxConcurrentFeeds),
                CancellationToken = cancellationToken,
            };
            await Parallel.ForEachAsync(Enumerable.Range(0, feeds.Count), parallel, async (i, ct) =>
            {
                var feed = feeds[i];
                var state = known.GetValueOrDefault(feed.Key) ?? new FeedState { Key = feed.Key, Url = feed.Url };
                var work = await _poller.PollAsync(i, feed, state, ct).ConfigureAwait(false);
                await channel.Writer.WriteAsync(work, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (Exception) when (writer.IsFaulted)
        {
            // The writer's own exception, thrown below, is the one that explains the failure.
        }
        finally
        {
            channel.Writer.TryComplete();
        }
        await writer.ConfigureAwait(false);

        var report = new PollReport(outcomes, clock.Elapsed);
        logger.LogInformation("Poll: {Ok} feeds ok, {Failed} failed, {Deferred} not due, {New} new items, {Seen} seen, {Links} links in {Elapsed}",
            report.FeedsOk, report.FeedsFailed, report.FeedsDeferred, report.ItemsNew, report.ItemsSeen, report.Links, report.Elapsed);
        // A pass succeeded when it ran to the end and some feed answered (or none was due): api/health reports its age.
        if (report.FeedsOk > 0 || report.FeedsFailed == 0) await health.RecordPassAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Stores one batch and records its feeds' outcomes.</summary>
    private async Task StoreAsync(IReadOnlyList<FeedWork> batch, FeedOutcome[] outcomes, CancellationToken ct)
    {
        try
        {
            // A batch storage refuses is split until the feed whose data is refused fails alone.
            await RefusedBatch.StoreAsync(batch, part => StoreWholeAsync(part, ct),
                (work, e) => RefusedBatch.FailAsync(work, e, states, time.GetUtcNow(), ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (FeedOutcome.IsStorageFailure(e))
        {
            // What was written is keyed to be written again; no feed state advanced past what is stored
            // (a state saved before the failure only covers items already stored), so the next pass redoes the rest.
            logger.LogWarning(e, "Storage failed while saving {Feeds} feeds", batch.Count);
            foreach (var w in batch.Where(w => !w.Outcome.IsFailure)) w.Outcome = FeedOutcome.OfStorageFailure(w.Outcome.Url, e);
        }
        foreach (var w in batch) outcomes[w.Index] = w.Outcome;
    }

    /// <summary>Items, then links, then the feeds' states: the order that makes a cut-off pass safe to rerun.</summary>
    private async Task StoreWholeAsync(IReadOnlyList<FeedWork> batch, CancellationToken ct)
    {
        var fresh = batch.SelectMany(w => w.Fresh).ToList();
        if (fresh.Count > 0) await items.SaveAsync(fresh, ct).ConfigureAwait(false);
        var links = batch.SelectMany(w => w.Links).ToList();
        if (links.Count > 0) await coverage.SaveAsync(links, ct).ConfigureAwait(false);

        // Only now may the states say their items are stored. A feed handed out by a dispatcher is saved
        // whatever happened, which clears its lease.
        var changed = new List<FeedState>();
        foreach (var w in batch)
        {
            w.Change?.ApplyTo(w.State);
            if (w.Change?.WorthSaving != true && w.State.LeaseUntil is null) continue;
            w.State.LeaseUntil = null;
            changed.Add(w.State);
        }
        if (changed.Count > 0) await states.SaveManyAsync(changed, ct).ConfigureAwait(false);
    }
}
