using Microsoft.Extensions.Logging;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Fetching;
using Monitor.Core.Linking;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// One feed of a pass: fetch, parse, drop what was seen, link. It reads storage (first-seen dates) but writes
/// nothing: what it found, and how the feed's state is to change, go to the writer as one <see cref="FeedWork"/>.
/// </summary>
internal sealed class FeedPoller(FeedFetcher fetcher, Linker linker, ItemStore items, FetchOptions options, TimeProvider time, ILogger logger)
{
    public async Task<FeedWork> PollAsync(int index, FeedSource feed, FeedState state, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!PollSchedule.IsDue(state, now))
            return new FeedWork(index, state, Outcome(feed, FeedOutcomeStatus.Deferred, $"not due until {state.NextPoll:yyyy-MM-dd HH:mm:ss}Z"), null);

        var fetched = await fetcher.FetchAsync(feed.Url, state.HttpETag, state.HttpLastModified, ct).ConfigureAwait(false);
        if (fetched.Status is FetchStatus.Failed or FetchStatus.Gone)
            return Fail(index, feed, state, fetched, fetched.Error ?? "failed", now, BodyMemo.AfterFetchFailure(state));
        if (fetched.Status == FetchStatus.NotModified)
            return new FeedWork(index, state, Outcome(feed, FeedOutcomeStatus.NotModified), FeedChange.Unchanged(state, fetched, now));

        // An unchanged body (a server without validators) is not parsed again: nothing in it is new.
        var bodyHash = BodyMemo.Hash(fetched.Body);
        if (BodyMemo.Unchanged(state, bodyHash))
            return new FeedWork(index, state, Outcome(feed, FeedOutcomeStatus.NotModified), FeedChange.Unchanged(state, fetched, now));
        if (BodyMemo.FailedBefore(state, bodyHash)) return Fail(index, feed, state, fetched, state.LastError!, now, state.BodyHash);

        FeedIntake.Result read;
        try { read = await FeedIntake.ReadAsync(fetched.Body, fetched.ContentType, feed, now, options.ParseBudget, ct).ConfigureAwait(false); }
        catch (FeedFormatException e) { return Fail(index, feed, state, fetched, e.Message, now, BodyMemo.Failed(bodyHash)); }

        var seen = state.Seen.ToHashSet();
        IReadOnlyList<FeedItem> fresh = read.Items.Where(x => !seen.Contains(FeedState.SeenKey(x.Id))).ToList();
        try
        {
            fresh = await items.KeepFirstSeenDatesAsync(fresh, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (FeedOutcome.IsStorageFailure(e))
        {
            return new FeedWork(index, state, FeedOutcome.OfStorageFailure(feed.Url, e), FeedChange.Attempted(state, now));
        }
        var links = fresh.SelectMany(linker.Link).ToList();
        var outcome = new FeedOutcome(feed.Url, FeedOutcomeStatus.Ok, null, fresh.Count, read.Items.Count - fresh.Count,
            links.Select(l => l.Item.Id).Distinct().Count(), links.Sum(l => l.Topics.Count + l.Claims.Count));
        return new FeedWork(index, state, outcome, FeedChange.Read(state, fetched, read, fresh.Count, bodyHash, now)) { Fresh = fresh, Links = links };
    }

    private FeedWork Fail(int index, FeedSource feed, FeedState state, FetchResult fetched, string reason, DateTimeOffset now, string? bodyHash)
    {
        logger.LogWarning("Feed {Url} failed: {Reason}", feed.Url, reason);
        var change = FeedChange.Failed(state, fetched, reason, now, bodyHash);
        return new FeedWork(index, state, Outcome(feed, change.Health.Gone ? FeedOutcomeStatus.Gone : FeedOutcomeStatus.Failed, reason), change);
    }

    private static FeedOutcome Outcome(FeedSource feed, FeedOutcomeStatus status, string? reason = null) => new(feed.Url, status, reason, 0, 0, 0, 0);
}
