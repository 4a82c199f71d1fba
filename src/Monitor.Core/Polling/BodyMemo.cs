using System.Security.Cryptography;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// The hash of the last body parsed for a feed, kept in its state, so an unchanged body (a server without
/// validators) is not parsed again: unchanged and read before, nothing is new; unchanged and unreadable before,
/// it fails again with the same reason without costing the poller its parse.
/// </summary>
internal static class BodyMemo
{
    private const string FailedMark = "!";

    public static string Hash(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16));

    /// <summary>The body is the one last stored.</summary>
    public static bool Unchanged(FeedState state, string hash) => state.BodyHash == hash;

    /// <summary>The body is the one that failed to parse last time, and that failure is still the feed's last error.</summary>
    public static bool FailedBefore(FeedState state, string hash) => state.BodyHash == FailedMark + hash && state.LastError is not null;

    /// <summary>The memo of a body that failed to parse.</summary>
    public static string Failed(string hash) => FailedMark + hash;

    /// <summary>A fetch failure replaces the last error, so a failed body's reason is no longer at hand: its memo goes.</summary>
    public static string? AfterFetchFailure(FeedState state) =>
        state.BodyHash?.StartsWith(FailedMark, StringComparison.Ordinal) == true ? null : state.BodyHash;
}
