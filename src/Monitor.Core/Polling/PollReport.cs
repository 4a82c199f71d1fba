using Azure;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>Deferred: not due yet (backing off, or the server asked to wait). Gone: the server said 410.</summary>
public enum FeedOutcomeStatus { Ok, NotModified, Failed, Gone, Deferred }

/// <summary>What one feed gave in a pass; a failed feed carries the reason, as also stored in its health record.</summary>
public sealed record FeedOutcome(string Url, FeedOutcomeStatus Status, string? Reason, int ItemsNew, int ItemsSeen, int ItemsLinked, int Links)
{
    /// <summary>The start of the reason of a feed whose results could not be stored (worth trying again soon).</summary>
    public const string StorageReason = "storage: ";

    public static FeedOutcome Failed(string url, string reason) => new(url, FeedOutcomeStatus.Failed, reason, 0, 0, 0, 0);

    /// <summary>The feed's results could not be stored: the reason is storage's, the feed is worth trying again soon.</summary>
    internal static FeedOutcome OfStorageFailure(string url, Exception e)
    {
        var inner = e is AggregateException { InnerException: { } i } ? i : e;
        return Failed(url, StorageReason + inner.Message.Split('\n')[0].Trim());
    }

    internal static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException or AggregateException { InnerException: RequestFailedException } or StorageUnavailableException;

    public bool StorageFailed => Status == FeedOutcomeStatus.Failed && Reason?.StartsWith(StorageReason, StringComparison.Ordinal) == true;

    public bool IsFailure => Status is FeedOutcomeStatus.Failed or FeedOutcomeStatus.Gone;
}

/// <summary>The result of one polling pass over a list of feeds.</summary>
public sealed record PollReport(IReadOnlyList<FeedOutcome> Feeds, TimeSpan Elapsed)
{
    public int FeedsOk => Feeds.Count(f => f.Status is FeedOutcomeStatus.Ok or FeedOutcomeStatus.NotModified);
    public int FeedsFailed => Feeds.Count(f => f.IsFailure);
    public int FeedsDeferred => Feeds.Count(f => f.Status == FeedOutcomeStatus.Deferred);
    public int ItemsNew => Feeds.Sum(f => f.ItemsNew);
    public int ItemsSeen => Feeds.Sum(f => f.ItemsSeen);
    public int ItemsLinked => Feeds.Sum(f => f.ItemsLinked);
    /// <summary>Topic and claim links made (one item linked to two topics and a claim counts three).</summary>
    public int Links => Feeds.Sum(f => f.Links);
}
