using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Core.Polling;
using Monitor.Core.Query;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Polling;

/// <summary>Polling passes over feeds served on loopback, into a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PollRunnerTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FeedServer _server = new();

    public void Dispose() => _server.Dispose();

    private static async Task<int> CountAsync(TableClient table)
    {
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"])) n++;
        return n;
    }

    [Fact]
    public async Task A_pass_links_and_stores_new_items_and_a_second_pass_changes_nothing()
    {
        using var services = TestServices.Create(azurite);
        var runner = services.GetRequiredService<PollRunner>();
        var tables = services.GetRequiredService<MonitorTables>();
        var feeds = new[] { new FeedSource(_server.Serve("story.xml", TestFeeds.Rss("Wire", TestFeeds.SeedStory()), etag: "\"1\"")) };

        var first = await runner.RunAsync(feeds);
        Assert.Equal(1, first.FeedsOk);
        Assert.Equal(5, first.ItemsNew);
        Assert.Equal(0, first.ItemsSeen);
        Assert.Equal(3, first.ItemsLinked); // clashes, Iran, CSTO; not football, not the 2021 background item
        Assert.True(first.Links >= 3);

        var query = services.GetRequiredService<CoverageQuery>();
        var clashes = await query.GetAsync(new CoverageRequest("border-clashes"));
        Assert.Contains(clashes, e => e.Url == "https://news.example/2022/09/13/clashes"); // tracking parameter gone
        Assert.DoesNotContain(clashes, e => e.Url.Contains("2021"));
        var item = clashes.First(e => e.Url.EndsWith("/clashes"));
        Assert.Equal("Example Wire", item.Source);
        Assert.NotEmpty(item.Terms);
        Assert.Equal(5, await CountAsync(tables.Items));
        var coverageRows = await CountAsync(tables.Coverage);

        var second = await runner.RunAsync(feeds);
        Assert.Equal(0, second.ItemsNew);
        Assert.Equal(FeedOutcomeStatus.NotModified, second.Feeds[0].Status);
        Assert.Equal(1, _server.NotModifiedResponses);

        // The same body under a new ETag: fetched, but not parsed again (its hash is the stored one).
        _server.Serve("story.xml", TestFeeds.Rss("Wire", TestFeeds.SeedStory()), etag: "\"2\"");
        var unchanged = await runner.RunAsync(feeds);
        Assert.Equal(FeedOutcomeStatus.NotModified, unchanged.Feeds[0].Status);
        Assert.Equal(0, unchanged.ItemsSeen);

        // The same items in a changed body: parsed again, but all seen.
        _server.Serve("story.xml", TestFeeds.Rss("Wire, renamed", TestFeeds.SeedStory()), etag: "\"3\"");
        var third = await runner.RunAsync(feeds);
        Assert.Equal(0, third.ItemsNew);
        Assert.Equal(5, third.ItemsSeen);
        Assert.Equal(coverageRows, await CountAsync(tables.Coverage));
        Assert.Equal(5, await CountAsync(tables.Items));
    }

    [Fact]
    public async Task A_broken_feed_is_recorded_and_the_pass_goes_on()
    {
        using var services = TestServices.Create(azurite);
        var feeds = new[]
        {
            new FeedSource(_server.Serve("html.xml", "<html><body>Moved</body></html>", "text/html")),
            new FeedSource(_server.Url("missing.xml")),
            new FeedSource($"http://127.0.0.1:{AzuriteFixture.FreePort()}/closed.xml"),
            new FeedSource(_server.Serve("story.xml", TestFeeds.Rss("Wire", TestFeeds.SeedStory()))),
        };
        var report = await services.GetRequiredService<PollRunner>().RunAsync(feeds);

        Assert.Equal(1, report.FeedsOk);
        Assert.Equal(3, report.FeedsFailed);
        Assert.StartsWith("not a feed", report.Feeds[0].Reason);
        Assert.Equal("HTTP 404 Not Found", report.Feeds[1].Reason);
        Assert.Equal("unreachable: connection refused", report.Feeds[2].Reason);
        Assert.Equal(5, report.Feeds[3].ItemsNew);

        var states = await services.GetRequiredService<FeedStateStore>().LoadAllAsync();
        Assert.Equal(1, states[feeds[1].Key].ConsecutiveFailures);
        Assert.Equal("HTTP 404 Not Found", states[feeds[1].Key].LastError);
        Assert.Null(states[feeds[3].Key].LastError);
    }

    [Fact]
    public async Task Loopback_feeds_are_refused_unless_allowed()
    {
        using var services = TestServices.Create(azurite, extra: new Dictionary<string, string?> { ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = "false" });
        var url = _server.Serve("story.xml", TestFeeds.Rss("Wire", TestFeeds.SeedStory()));
        var report = await services.GetRequiredService<PollRunner>().RunAsync([new FeedSource(url)]);
        Assert.Equal(1, report.FeedsFailed);
        Assert.StartsWith("refused: 127.0.0.1 resolves to a private", report.Feeds[0].Reason);
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task A_pass_cut_off_after_storing_links_stores_nothing_twice_when_run_again()
    {
        using var services = TestServices.Create(azurite);
        var tables = services.GetRequiredService<MonitorTables>();
        var url = _server.Serve("story.xml", TestFeeds.Rss("Wire", TestFeeds.SeedStory()));
        var feed = new FeedSource(url);

        // What a pass stores before it is cut off: items and links, but not the feed's state.
        var parsed = FeedParser.Parse(await new HttpClient().GetByteArrayAsync(url));
        var items = ItemNormaliser.Normalise(parsed, feed, DateTimeOffset.UtcNow);
        var linker = services.GetRequiredService<Linker>();
        await tables.EnsureCreatedAsync();
        await services.GetRequiredService<ItemStore>().SaveAsync(items);
        await services.GetRequiredService<CoverageStore>().SaveAsync(items.SelectMany(linker.Link).ToList());
        var rowsBefore = await CountAsync(tables.Coverage);

        var report = await services.GetRequiredService<PollRunner>().RunAsync([feed]);
        Assert.Equal(5, report.ItemsNew); // the feed never remembered them, so they are processed again...
        Assert.Equal(rowsBefore, await CountAsync(tables.Coverage)); // ...into the same rows
        Assert.Equal(5, await CountAsync(tables.Items));
    }

    [Fact]
    public async Task An_undated_item_keeps_its_first_seen_date_when_a_cut_off_pass_is_run_again()
    {
        using var services = TestServices.Create(azurite);
        var tables = services.GetRequiredService<MonitorTables>();
        var url = _server.Serve("undated.xml", TestFeeds.Rss("Wire", new TestFeeds.Item(
            "Azerbaijan shells Armenian border towns", "https://news.example/undated", null,
            "Azerbaijani artillery struck Jermuk as clashes on the Armenian border killed soldiers.")));
        var feed = new FeedSource(url);

        var parsed = FeedParser.Parse(await new HttpClient().GetByteArrayAsync(url));
        var items = ItemNormaliser.Normalise(parsed, feed, DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.False(Assert.Single(items).HasPublishedDate);
        var links = items.SelectMany(services.GetRequiredService<Linker>().Link).ToList();
        Assert.NotEmpty(links);
        await services.GetRequiredService<ItemStore>().SaveAsync(items);
        await services.GetRequiredService<CoverageStore>().SaveAsync(links);
        var rowsBefore = await CountAsync(tables.Coverage);

        var report = await services.GetRequiredService<PollRunner>().RunAsync([feed]);
        Assert.Equal(1, report.ItemsNew);
        Assert.Equal(rowsBefore, await CountAsync(tables.Coverage));
        var entry = Assert.Single(await services.GetRequiredService<CoverageQuery>().GetAsync(new CoverageRequest("border-clashes")));
        Assert.Equal(items[0].Published, entry.Published);
    }
}
