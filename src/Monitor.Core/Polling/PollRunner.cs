using System.Diagnostics;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// One polling pass: fetch every feed (conditionally), parse, normalise, skip what the feed delivered before,
/// link the new items and store items, links and the feed's state, in that order, so that a pass cut off
/// anywhere and run again stores everything exactly once. One broken feed is recorded and the pass goes on.
/// </summary>
public sealed class PollRunner(
    FeedFetcher fetcher,
    Linker linker,
    ItemStore items,
    CoverageStore coverage,
    FeedStateStore states,
    IOptions<FetchOptions> fetchOptions,
    TimeProvider time,
    ILogger<PollRunner> logger)
{
    public async Task<PollReport> RunAsync(IReadOnlyList<FeedSource> feeds, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        // One query for every feed's state; a storage problem surfaces here, before any feed is fetched.
        var known = await states.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        var outcomes = new FeedOutcome[feeds.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, fetchOptions.Value.MaxConcurrentFeeds),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, feeds.Count), parallel, async (i, ct) =>
        {
            var feed = feeds[i];
            var state = known.GetValueOrDefault(feed.Key) ?? new FeedState { Key = feed.Key, Url = feed.Url };
            outcomes[i] = await PollFeedAsync(feed, state, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var report = new PollReport(outcomes, clock.Elapsed);
        logger.LogInformation("Poll: {Ok} feeds ok, {Failed} failed, {New} new items, {Seen} seen, {Links} links in {Elapsed}",
            report.FeedsOk, report.FeedsFailed, report.ItemsNew, report.ItemsSeen, report.Links, report.Elapsed);
        return report;
    }

    private async Task<FeedOutcome> PollFeedAsync(FeedSource feed, FeedState state, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!PollSchedule.IsDue(state, now))
            return new FeedOutcome(feed.Url, FeedOutcomeStatus.Deferred, $"not due until {state.NextPoll:yyyy-MM-dd HH:mm:ss}Z", 0, 0, 0, 0);
        state.LastAttempt = now;
        try
        {
            var fetched = await fetcher.FetchAsync(feed.Url, state.HttpETag, state.HttpLastModified, ct).ConfigureAwait(false);
            if (fetched.Status is FetchStatus.Failed or FetchStatus.Gone)
                return await FailAsync(feed, state, fetched, fetched.Error ?? "failed", ct).ConfigureAwait(false);
            if (fetched.Status == FetchStatus.NotModified)
            {
                MarkHealthy(state, fetched, now);
                await states.SaveAsync(state, ct).ConfigureAwait(false);
                return new FeedOutcome(feed.Url, FeedOutcomeStatus.NotModified, null, 0, 0, 0, 0);
            }

            ParsedFeed parsed;
            try { parsed = FeedParser.Parse(fetched.Body); }
            catch (FeedFormatException e) { return await FailAsync(feed, state, fetched, e.Message, ct).ConfigureAwait(false); }

            // A feed may list one item twice; the first occurrence wins.
            var all = ItemNormaliser.Normalise(parsed, feed, now).DistinctBy(x => x.Id).ToList();
            var seen = state.Seen.ToHashSet();
            var fresh = await items.KeepFirstSeenDatesAsync(all.Where(x => !seen.Contains(FeedState.SeenKey(x.Id))).ToList(), ct).ConfigureAwait(false);
            var links = fresh.SelectMany(linker.Link).ToList();

            await items.SaveAsync(fresh, ct).ConfigureAwait(false);
            await coverage.SaveAsync(links, ct).ConfigureAwait(false);

            // Only now, with items and links stored, does the feed remember them: a cut-off before this line
            // makes the next pass store the same rows again (upserts with the same keys), never lose them.
            state.Remember(all.Select(x => x.Id));
            state.Title ??= parsed.Title;
            state.HttpETag = fetched.ETag;
            state.HttpLastModified = fetched.LastModified;
            state.ItemsStored += fresh.Count;
            MarkHealthy(state, fetched, now);
            await states.SaveAsync(state, ct).ConfigureAwait(false);

            return new FeedOutcome(feed.Url, FeedOutcomeStatus.Ok, null, fresh.Count, all.Count - fresh.Count,
                links.Select(l => l.Item.Id).Distinct().Count(), links.Sum(l => l.Topics.Count + l.Claims.Count));
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException { InnerException: RequestFailedException })
        {
            // Storage failed (retries included) for this feed: what was written is keyed to be written again;
            // the feed's state was not advanced, so the next pass picks its items up again.
            logger.LogWarning(e, "Storage failed for feed {Url}", feed.Url);
            var inner = e is AggregateException a ? a.InnerException! : e;
            return FeedOutcome.Failed(feed.Url, $"storage: {FirstLine(inner.Message)}");
        }
    }

    private async Task<FeedOutcome> FailAsync(FeedSource feed, FeedState state, FetchResult fetched, string reason, CancellationToken ct)
    {
        logger.LogWarning("Feed {Url} failed: {Reason}", feed.Url, reason);
        var now = state.LastAttempt ?? time.GetUtcNow();
        state.LastError = reason;
        state.LastErrorAt = now;
        state.ConsecutiveFailures++;
        state.Gone = fetched.Status == FetchStatus.Gone;
        state.NextPoll = PollSchedule.Next(state, fetched, now);
        await states.SaveAsync(state, ct).ConfigureAwait(false);
        return new FeedOutcome(feed.Url, state.Gone ? FeedOutcomeStatus.Gone : FeedOutcomeStatus.Failed, reason, 0, 0, 0, 0);
    }

    private static void MarkHealthy(FeedState state, FetchResult fetched, DateTimeOffset now)
    {
        state.LastSuccess = now;
        state.ConsecutiveFailures = 0;
        state.LastError = null;
        state.Gone = false;
        state.NextPoll = PollSchedule.Next(state, fetched, now);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
