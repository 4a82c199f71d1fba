using System.Diagnostics;
using System.Threading.Channels;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Fetching;
using Monitor.Core.Linking;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// One polling pass. Feeds are fetched, parsed, normalised and linked concurrently; a single writer stores
/// what they produced in batches across feeds (items, then links, then the feeds' states), so storage costs
/// a few transactions per batch instead of several requests per feed. A feed's state is saved only after its
/// items and links are stored: a pass cut off anywhere and run again stores everything exactly once.
/// One broken feed is recorded and the pass goes on.
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
    /// <summary>A write batch closes at this many feeds or items, or when it has waited this long.</summary>
    internal const int BatchFeeds = 100;
    internal const int BatchItems = 2000;
    internal static readonly TimeSpan BatchDelay = TimeSpan.FromMilliseconds(200);
    /// <summary>An unchanged healthy feed's "last success" is refreshed in storage at most this often.</summary>
    internal static readonly TimeSpan HealthRefresh = TimeSpan.FromHours(1);

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
        var channel = Channel.CreateBounded<FeedWork>(new BoundedChannelOptions(64) { SingleReader = true });
        var writer = Task.Run(async () =>
        {
            try { await WriteAsync(channel.Reader, outcomes, cancellationToken).ConfigureAwait(false); }
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
                var work = await PollFeedAsync(i, feed, state, ct).ConfigureAwait(false);
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

    private async Task<FeedWork> PollFeedAsync(int index, FeedSource feed, FeedState state, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!PollSchedule.IsDue(state, now))
            return new FeedWork(index, state, new FeedOutcome(feed.Url, FeedOutcomeStatus.Deferred,
                $"not due until {state.NextPoll:yyyy-MM-dd HH:mm:ss}Z", 0, 0, 0, 0)) { SaveState = false };
        state.LastAttempt = now;

        var fetched = await fetcher.FetchAsync(feed.Url, state.HttpETag, state.HttpLastModified, ct).ConfigureAwait(false);
        if (fetched.Status is FetchStatus.Failed or FetchStatus.Gone)
        {
            BodyMemo.FetchFailed(state);
            return Fail(index, feed, state, fetched, fetched.Error ?? "failed", now);
        }
        if (fetched.Status == FetchStatus.NotModified)
        {
            var changed = MarkHealthy(state, fetched, now);
            return new FeedWork(index, state, new FeedOutcome(feed.Url, FeedOutcomeStatus.NotModified, null, 0, 0, 0, 0)) { SaveState = changed };
        }

        // An unchanged body (a server without validators) is not parsed again: nothing in it is new.
        var bodyHash = BodyMemo.Hash(fetched.Body);
        if (BodyMemo.Unchanged(state, bodyHash))
        {
            var changed = MarkHealthy(state, fetched, now);
            return new FeedWork(index, state, new FeedOutcome(feed.Url, FeedOutcomeStatus.NotModified, null, 0, 0, 0, 0)) { SaveState = changed };
        }
        if (BodyMemo.FailedBefore(state, bodyHash)) return Fail(index, feed, state, fetched, state.LastError!, now);

        ParsedFeed parsed;
        IReadOnlyList<FeedItem> all;
        try { (parsed, all) = await FeedIntake.ReadAsync(fetched.Body, fetched.ContentType, feed, now, fetchOptions.Value.ParseBudget, ct).ConfigureAwait(false); }
        catch (FeedFormatException e)
        {
            BodyMemo.Failed(state, bodyHash);
            return Fail(index, feed, state, fetched, e.Message, now);
        }
        var seen = state.Seen.ToHashSet();
        IReadOnlyList<FeedItem> fresh = all.Where(x => !seen.Contains(FeedState.SeenKey(x.Id))).ToList();
        try
        {
            fresh = await items.KeepFirstSeenDatesAsync(fresh, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            return new FeedWork(index, state, StorageFailed(feed.Url, e)) { SaveState = false };
        }
        var links = fresh.SelectMany(linker.Link).ToList();
        var outcome = new FeedOutcome(feed.Url, FeedOutcomeStatus.Ok, null, fresh.Count, all.Count - fresh.Count,
            links.Select(l => l.Item.Id).Distinct().Count(), links.Sum(l => l.Topics.Count + l.Claims.Count));
        return new FeedWork(index, state, outcome)
        {
            Fresh = fresh,
            Links = links,
            OnStored = () =>
            {
                state.Remember(all.Select(x => x.Id));
                state.Title ??= HtmlText.ToPlainText(parsed.Title, StoredLimits.MaxFeedTitle - 1) is { Length: > 0 } title ? title : null;
                state.HttpETag = StoredLimits.Validator(fetched.ETag);
                state.HttpLastModified = StoredLimits.Validator(fetched.LastModified);
                state.ItemsStored += fresh.Count;
                BodyMemo.Stored(state, bodyHash);
                MarkHealthy(state, fetched, now);
            },
        };
    }

    /// <summary>The single writer: gathers finished feeds into batches and stores each batch in order.</summary>
    private async Task WriteAsync(ChannelReader<FeedWork> reader, FeedOutcome[] outcomes, CancellationToken ct)
    {
        var batch = new List<FeedWork>();
        var itemCount = 0;
        var opened = Stopwatch.StartNew();
        while (true)
        {
            if (reader.TryRead(out var work))
            {
                if (batch.Count == 0) opened.Restart();
                batch.Add(work);
                itemCount += work.Fresh.Count;
                if (batch.Count >= BatchFeeds || itemCount >= BatchItems) await FlushAsync().ConfigureAwait(false);
                continue;
            }
            if (batch.Count == 0)
            {
                if (!await reader.WaitToReadAsync(ct).ConfigureAwait(false)) break;
                continue;
            }
            var wait = BatchDelay - opened.Elapsed;
            if (wait <= TimeSpan.Zero) { await FlushAsync().ConfigureAwait(false); continue; }
            var readable = reader.WaitToReadAsync(ct).AsTask();
            if (await Task.WhenAny(readable, Task.Delay(wait, ct)).ConfigureAwait(false) == readable && await readable.ConfigureAwait(false))
                continue;
            await FlushAsync().ConfigureAwait(false);
            if (readable.IsCompleted && !readable.Result) break;
        }
        if (batch.Count > 0) await FlushAsync().ConfigureAwait(false);

        async Task FlushAsync()
        {
            await StoreAsync(batch, ct).ConfigureAwait(false);
            foreach (var w in batch) outcomes[w.Index] = w.Outcome;
            batch = [];
            itemCount = 0;
        }
    }

    /// <summary>Items, then links, then feed states: the order that makes a cut-off pass safe to rerun.</summary>
    private async Task StoreAsync(List<FeedWork> batch, CancellationToken ct)
    {
        try
        {
            // A batch storage refuses is split until the feed whose data is refused fails alone.
            await RefusedBatch.StoreAsync(batch, part => StoreWholeAsync(part, ct),
                (work, e) => RefusedBatch.FailAsync(work, e, states, time.GetUtcNow(), ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            // What was written is keyed to be written again; no feed state advanced past what is stored
            // (a state saved before the failure only covers items already stored), so the next pass redoes the rest.
            logger.LogWarning(e, "Storage failed while saving {Feeds} feeds", batch.Count);
            foreach (var w in batch.Where(w => !w.Outcome.IsFailure)) w.Outcome = StorageFailed(w.Outcome.Url, e);
        }
    }

    private async Task StoreWholeAsync(IReadOnlyList<FeedWork> batch, CancellationToken ct)
    {
        var fresh = batch.SelectMany(w => w.Fresh).ToList();
        if (fresh.Count > 0) await items.SaveAsync(fresh, ct).ConfigureAwait(false);
        var links = batch.SelectMany(w => w.Links).ToList();
        if (links.Count > 0) await coverage.SaveAsync(links, ct).ConfigureAwait(false);
        foreach (var w in batch) w.MarkStored();
        // A feed handed out by a dispatcher is saved whatever happened, which clears its lease.
        var changed = batch.Where(w => w.SaveState || w.State.LeaseUntil is not null).Select(w => w.State).ToList();
        foreach (var state in changed) state.LeaseUntil = null;
        if (changed.Count > 0) await states.SaveManyAsync(changed, ct).ConfigureAwait(false);
    }

    private FeedWork Fail(int index, FeedSource feed, FeedState state, FetchResult fetched, string reason, DateTimeOffset now)
    {
        logger.LogWarning("Feed {Url} failed: {Reason}", feed.Url, reason);
        state.LastError = StoredLimits.Text(reason, StoredLimits.MaxError);
        state.LastErrorAt = now;
        state.ConsecutiveFailures++;
        state.Gone = fetched.Status == FetchStatus.Gone;
        state.NextPoll = PollSchedule.Next(state, fetched, now);
        var status = state.Gone ? FeedOutcomeStatus.Gone : FeedOutcomeStatus.Failed;
        return new FeedWork(index, state, new FeedOutcome(feed.Url, status, reason, 0, 0, 0, 0));
    }

    /// <summary>Marks the feed healthy; returns whether anything worth a storage write changed.</summary>
    private static bool MarkHealthy(FeedState state, FetchResult fetched, DateTimeOffset now)
    {
        var next = PollSchedule.NextAfterSuccess(fetched, now);
        var changed = state.ConsecutiveFailures != 0 || state.LastError is not null || state.Gone || state.NextPoll != next
                      || state.LastSuccess is not { } last || now - last >= HealthRefresh || state.StorageETag is null;
        state.LastSuccess = now;
        state.ConsecutiveFailures = 0;
        state.LastError = null;
        state.Gone = false;
        state.NextPoll = next;
        return changed;
    }

    private static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException or AggregateException { InnerException: RequestFailedException } or StorageUnavailableException;

    private static FeedOutcome StorageFailed(string url, Exception e)
    {
        var inner = e is AggregateException { InnerException: { } i } ? i : e;
        return FeedOutcome.Failed(url, FeedOutcome.StorageReason + inner.Message.Split('\n')[0].Trim());
    }
}
