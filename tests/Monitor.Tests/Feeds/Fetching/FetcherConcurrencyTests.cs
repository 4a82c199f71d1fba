using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>The per-host limit, seen from the server: never more requests in flight than allowed.</summary>
public sealed class FetcherConcurrencyTests(FaultServer server) : IClassFixture<FaultServer>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task One_host_never_sees_more_than_MaxConcurrentPerHost_requests_body_included(int perHost)
    {
        using var fetcher = Fetchers.Create(o => o.MaxConcurrentPerHost = perHost);
        server.ResetCounters();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fetcher.FetchAsync(server.Url("/slow"), null, null)));

        Assert.All(results, r => Assert.Equal((FetchStatus.Ok, null), (r.Status, r.Error)));
        Assert.Equal(perHost, server.MaxInFlight);
        Assert.Equal(0, fetcher.TrackedHosts);
    }

    [Fact]
    public async Task Waiting_for_a_slot_does_not_count_against_the_timeout()
    {
        // Twelve 200 ms requests one at a time take over 2.4 s, well over the 1.5 s timeout of each.
        using var fetcher = Fetchers.Create(o => { o.MaxConcurrentPerHost = 1; o.Timeout = TimeSpan.FromSeconds(1.5); });
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => fetcher.FetchAsync(server.Url("/slow"), null, null)));
        Assert.All(results, r => Assert.Equal((FetchStatus.Ok, null), (r.Status, r.Error)));
    }
}
