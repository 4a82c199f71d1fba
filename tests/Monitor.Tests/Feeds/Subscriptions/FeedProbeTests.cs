using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Hosting;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Feeds.Subscriptions;

/// <summary>What `feeds add` learns about a URL, over real HTTP with the poller's fetcher.</summary>
public sealed class FeedProbeTests : IDisposable
{
    private readonly FeedServer _server = new();
    private readonly ServiceProvider _services = Services(allowPrivate: true);

    public void Dispose()
    {
        _services.Dispose();
        _server.Dispose();
    }

    /// <summary>The composition root's probe and fetcher; nothing here touches storage.</summary>
    private static ServiceProvider Services(bool allowPrivate) => new ServiceCollection()
        .AddMonitor(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = allowPrivate ? "true" : "false",
        }).Build())
        .BuildServiceProvider();

    private Task<ProbeResult> Probe(string url) => _services.GetRequiredService<FeedProbe>().ProbeAsync(url);

    [Fact]
    public async Task A_feed_is_a_feed_with_its_title()
    {
        var result = await Probe(_server.Serve("rss.xml", TestFeeds.Rss("  Wire  ", TestFeeds.SeedStory())));
        Assert.Equal(ProbeKind.Feed, result.Kind);
        Assert.Equal("Wire", result.Title);
    }

    [Fact]
    public async Task A_page_gives_the_feeds_it_links_resolved_against_its_url()
    {
        var page = _server.Serve("news/index.html",
            "<html><head><link rel=\"alternate\" type=\"application/atom+xml\" title=\"All\" href=\"atom.xml\"></head><body>hi</body></html>", "text/html; charset=utf-8");
        var result = await Probe(page);
        Assert.Equal(ProbeKind.Page, result.Kind);
        Assert.Equal(new FeedSource(_server.Url("news/atom.xml"), "All"), Assert.Single(result.Candidates));
    }

    [Fact]
    public async Task A_page_served_with_a_generic_type_is_still_recognised()
    {
        var result = await Probe(_server.Serve("page", "<!DOCTYPE html><html><head></head><body></body></html>", "application/octet-stream"));
        Assert.Equal(ProbeKind.Page, result.Kind);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public async Task An_http_error_fails_with_the_status()
    {
        var result = await Probe(_server.Url("missing.xml"));
        Assert.Equal(ProbeKind.Failed, result.Kind);
        Assert.Equal("HTTP 404 Not Found", result.Reason);
    }

    [Fact]
    public async Task A_body_that_is_neither_feed_nor_page_fails_with_the_parser_reason()
    {
        var result = await Probe(_server.Serve("data.txt", "just some text", "text/plain"));
        Assert.Equal(ProbeKind.Failed, result.Kind);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public async Task Private_addresses_are_refused_unless_allowed()
    {
        using var strict = Services(allowPrivate: false);
        var result = await strict.GetRequiredService<FeedProbe>().ProbeAsync(_server.Serve("rss.xml", TestFeeds.Rss("Wire")));
        Assert.Equal(ProbeKind.Failed, result.Kind);
        Assert.Contains("MONITOR_ALLOW_PRIVATE_NETWORKS", result.Reason);
    }
}
