using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// What polling one feed produced, waiting to be stored: new items and their links, and the feed's state
/// to save after them. Nothing in it has reached storage yet.
/// </summary>
internal sealed class FeedWork(int index, FeedState state, FeedOutcome outcome)
{
    public int Index { get; } = index;
    public FeedState State { get; } = state;
    public FeedOutcome Outcome { get; set; } = outcome;
    public IReadOnlyList<FeedItem> Fresh { get; init; } = [];
    public IReadOnlyList<CoverageLink> Links { get; init; } = [];
    /// <summary>False when nothing worth a write changed (an unchanged feed answered 304 and was healthy).</summary>
    public bool SaveState { get; init; } = true;
    /// <summary>Applied to the state once items and links are stored: remember ids, take the new validators.</summary>
    public Action? OnStored { get; init; }

    private bool _stored;

    /// <summary>Applies <see cref="OnStored"/> once, even when a refused batch is split and stored again.</summary>
    public void MarkStored()
    {
        if (_stored) return;
        _stored = true;
        OnStored?.Invoke();
    }
}
