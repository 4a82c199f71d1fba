using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// What polling one feed produced, waiting to be stored: new items and their links, and the change to the feed's
/// state that is applied after them. Nothing in it has reached storage, and the state is still as it was read.
/// </summary>
internal sealed class FeedWork(int index, FeedState state, FeedOutcome outcome, FeedChange? change)
{
    public int Index { get; } = index;
    public FeedState State { get; } = state;
    public FeedOutcome Outcome { get; set; } = outcome;
    /// <summary>Null when the feed was not polled (not due yet).</summary>
    public FeedChange? Change { get; } = change;
    public IReadOnlyList<FeedItem> Fresh { get; init; } = [];
    public IReadOnlyList<CoverageLink> Links { get; init; } = [];
}
