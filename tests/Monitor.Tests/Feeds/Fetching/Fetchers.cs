using System.Net;
using Microsoft.Extensions.Time.Testing;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Fetching;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>Fetchers with short limits, so the fault suite runs in seconds, and a clock that stands still.</summary>
internal static class Fetchers
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static FetchOptions Options(Action<FetchOptions>? configure = null)
    {
        var options = new FetchOptions
        {
            // Generous, so a loaded machine does not fail the tests that are not about time; those set their own.
            AllowPrivateNetworks = true,
            Timeout = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            MaxBodyBytes = 1024 * 1024,
        };
        configure?.Invoke(options);
        return options;
    }

    public static FeedFetcher Create(Action<FetchOptions>? configure = null, Func<IPEndPoint, bool>? isAllowed = null) =>
        new(Options(configure), new FakeTimeProvider(Now), isAllowed);

    /// <summary>The fetcher still works after a fault: no per-host slot is left taken, and a plain feed comes back Ok.</summary>
    public static async Task AssertStillWorksAsync(this FeedFetcher fetcher, FaultServer server)
    {
        Assert.Equal(0, fetcher.TrackedHosts);
        var result = await fetcher.FetchAsync(server.Url("/feed"), null, null).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((FetchStatus.Ok, null), (result.Status, result.Error));
        Assert.Equal(FaultBodies.Feed, result.Body);
    }
}
