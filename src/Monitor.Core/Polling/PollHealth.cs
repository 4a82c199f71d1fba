using Monitor.Core.Feeds;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// A feed's health as a value: when it last answered, its last error, how many polls in a row failed, whether
/// the server said 410, and when it is next due. A poll makes the next one from the one it read.
/// </summary>
internal sealed record PollHealth(
    DateTimeOffset? LastSuccess, string? LastError, DateTimeOffset? LastErrorAt, int ConsecutiveFailures, bool Gone, DateTimeOffset? NextPoll)
{
    /// <summary>An unchanged healthy feed's "last success" is refreshed in storage at most this often.</summary>
    internal static readonly TimeSpan Refresh = TimeSpan.FromHours(1);

    public static PollHealth Of(FeedState s) => new(s.LastSuccess, s.LastError, s.LastErrorAt, s.ConsecutiveFailures, s.Gone, s.NextPoll);

    /// <summary>The feed answered: failures forgotten, next due when the server allows.</summary>
    public PollHealth Succeeded(FetchResult fetched, DateTimeOffset now) =>
        this with { LastSuccess = now, LastError = null, ConsecutiveFailures = 0, Gone = false, NextPoll = PollSchedule.NextAfterSuccess(fetched, now) };

    /// <summary>One more failure with its reason; the next poll backs off (a day for a feed that is gone).</summary>
    public PollHealth Failed(string reason, DateTimeOffset now, bool gone, FetchResult? fetched) => Failure(reason, now) with
    {
        Gone = gone,
        NextPoll = PollSchedule.Next(ConsecutiveFailures + 1, gone, fetched, now),
    };

    /// <summary>One more failure with its reason, the schedule left as it was.</summary>
    public PollHealth Failure(string reason, DateTimeOffset now) =>
        this with { LastError = StoredLimits.Text(reason, StoredLimits.MaxError), LastErrorAt = now, ConsecutiveFailures = ConsecutiveFailures + 1 };

    /// <summary>Worth a storage write: it differs from <paramref name="before"/> in more than a recent success time.</summary>
    public bool Differs(PollHealth before) =>
        this with { LastSuccess = null } != before with { LastSuccess = null }
        || before.LastSuccess is not { } last || LastSuccess is not { } now || now - last >= Refresh;

    public void ApplyTo(FeedState s)
    {
        s.LastSuccess = LastSuccess;
        s.LastError = LastError;
        s.LastErrorAt = LastErrorAt;
        s.ConsecutiveFailures = ConsecutiveFailures;
        s.Gone = Gone;
        s.NextPoll = NextPoll;
    }
}
