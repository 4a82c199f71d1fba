using Monitor.Core.Feeds;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// When a feed is next due. A failing feed backs off exponentially (5 min, 10, 20 … capped at 24 h) but is
/// never given up for good; a server's Retry-After or max-age is honoured as a not-before time.
/// </summary>
public static class PollSchedule
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(24);

    public static bool IsDue(FeedState state, DateTimeOffset now) => state.NextPoll is not { } next || next <= now;

    public static TimeSpan Backoff(int consecutiveFailures)
    {
        if (consecutiveFailures <= 0) return TimeSpan.Zero;
        var exponent = Math.Min(consecutiveFailures - 1, 20);
        var delay = FirstBackoff * Math.Pow(2, exponent);
        return delay < MaxBackoff ? delay : MaxBackoff;
    }

    /// <summary>The next poll after an outcome: the later of the backoff and the server's not-before time.</summary>
    public static DateTimeOffset? Next(FeedState state, FetchResult? fetched, DateTimeOffset now) =>
        Next(state.ConsecutiveFailures, state.Gone, fetched, now);

    /// <summary>The next poll after a success: only the server's not-before time, if any.</summary>
    public static DateTimeOffset? NextAfterSuccess(FetchResult fetched, DateTimeOffset now) => Next(0, false, fetched, now);

    /// <summary>The next poll of a feed with this many failures in a row (gone: once a day).</summary>
    internal static DateTimeOffset? Next(int consecutiveFailures, bool gone, FetchResult? fetched, DateTimeOffset now)
    {
        DateTimeOffset? next = consecutiveFailures > 0 ? now + Backoff(consecutiveFailures) : null;
        if (gone) next = now + MaxBackoff;
        if (fetched?.NotBefore is { } notBefore && notBefore > now)
        {
            var capped = notBefore - now > MaxBackoff ? now + MaxBackoff : notBefore;
            if (next is null || capped > next) next = capped;
        }
        return next;
    }
}
