using Monitor.Core.Feeds.Parsing;

namespace Monitor.Core.Feeds;

/// <summary>
/// From a fetched body to the items a pass takes: parsed and cleaned up within a CPU budget
/// (<see cref="ParseBudget"/>), repeats dropped, and at most <see cref="MaxItemsPerPass"/> items, the newest.
/// </summary>
public static class FeedIntake
{
    /// <summary>
    /// Items taken from one feed per pass, newest first (undated items count as new and keep their feed order).
    /// Below <see cref="Storage.FeedState.MaxSeenIds"/>, so every item taken is still remembered the next pass,
    /// whatever the feed's size: an unchanged feed of 100,000 items reports nothing new.
    /// </summary>
    public const int MaxItemsPerPass = 1000;

    /// <summary>What one body gave: the parse, and the items taken (newest first when there were too many).</summary>
    public sealed record Result(ParsedFeed Parsed, IReadOnlyList<FeedItem> Items);

    /// <summary>
    /// Parses at once, at most one per core: parsing is CPU-bound, so more at once would not finish sooner, and
    /// each parse of a large body holds several copies of it (text, repaired text, document, items).
    /// </summary>
    private static readonly SemaphoreSlim Gate = new(Environment.ProcessorCount);

    /// <summary>A parse of a body this large holds about 15 times its size at its peak; one such parse at a time bounds the pass's memory.</summary>
    private const int LargeBody = 1024 * 1024;
    private static readonly SemaphoreSlim LargeGate = new(1);

    /// <summary><see cref="Read"/> once a core is free.</summary>
    public static async Task<Result> ReadAsync(byte[] body, string? contentType, FeedSource feed, DateTimeOffset now, TimeSpan budget, CancellationToken cancellationToken)
    {
        var large = body.Length >= LargeBody;
        if (large) await LargeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { return Read(body, contentType, feed, now, budget); }
            finally { Gate.Release(); }
        }
        finally
        {
            // What a large parse allocated is garbage on the large-object heap, freed only by a full collection.
            if (large) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            if (large) LargeGate.Release();
        }
    }

    /// <param name="budget">CPU time allowed for parsing and clean-up; zero or negative for none.</param>
    /// <exception cref="FeedFormatException">The body is not a readable feed, is too large or deep, or ran over the budget.</exception>
    public static Result Read(byte[] body, string? contentType, FeedSource feed, DateTimeOffset now, TimeSpan budget)
    {
        using var spent = ParseBudget.Start(budget);
        var parsed = FeedParser.Parse(body, contentType);
        // A feed may list one item twice; the first occurrence wins.
        var items = ItemNormaliser.Normalise(parsed, feed, now).DistinctBy(x => x.Id).ToList();
        ParseBudget.Check();
        return new Result(parsed, Newest(items));
    }

    private static IReadOnlyList<FeedItem> Newest(List<FeedItem> items) =>
        items.Count <= MaxItemsPerPass ? items : items.OrderByDescending(i => i.Published).Take(MaxItemsPerPass).ToList();
}
