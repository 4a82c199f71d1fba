using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Feeds.Subscriptions;

/// <summary>The one subscribe operation both hosts call, over real HTTP and Azurite: what it did, for each host to word.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FeedSubscriberTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FeedServer _server = new();
    private readonly ServiceProvider _services = TestServices.Create(azurite);

    public void Dispose()
    {
        _services.Dispose();
        _server.Dispose();
    }

    private Task<SubscribeResult> Subscribe(string url, string? title = null, bool check = true, bool all = false) =>
        _services.GetRequiredService<FeedSubscriber>().SubscribeAsync(new SubscribeRequest(url, title, check, all));

    private string Page(string path, params string[] links) => _server.Serve(path,
        "<html><head>" + string.Concat(links.Select(l => $"<link rel=\"alternate\" type=\"application/rss+xml\" href=\"{l}\">")) + "</head><body>hi</body></html>",
        "text/html; charset=utf-8");

    [Fact]
    public async Task A_page_with_several_feeds_asks_which_unless_all_are_wanted_and_then_skips_the_unreadable()
    {
        var feed = _server.Serve("site/rss.xml", TestFeeds.Rss("Site", TestFeeds.SeedStory()));
        var page = Page("site/", "rss.xml", "missing.xml");

        var asked = await Subscribe(page);
        Assert.Equal(SubscribeOutcome.SeveralFeeds, asked.Outcome);
        Assert.Equal([feed, _server.Url("site/missing.xml")], asked.Linked.Select(f => f.Url));
        Assert.Empty(asked.Feeds);

        var all = await Subscribe(page, all: true);
        Assert.Equal(SubscribeOutcome.Subscribed, all.Outcome);
        Assert.Collection(all.Feeds,
            f => Assert.Equal((feed, "Site", true, (string?)null), (f.Feed.Url, f.Feed.Title, f.Added, f.SkippedBecause)),
            f => Assert.Equal((false, "HTTP 404 Not Found"), (f.Added, f.SkippedBecause)));

        var again = await Subscribe(feed);
        Assert.Equal(SubscribeOutcome.AlreadySubscribed, again.Outcome);
        Assert.Equal(feed, again.Existing!.Url);
        var listed = await _services.GetRequiredService<SubscriptionHealth>().ListAsync();
        Assert.Equal("new", Assert.Single(listed, f => f.Url == feed).Status);
    }

    [Fact]
    public async Task A_page_whose_feeds_cannot_be_read_says_which_and_why_and_subscribes_nothing()
    {
        var one = await Subscribe(Page("one/", "gone.xml"));
        Assert.Equal(SubscribeOutcome.NotReadable, one.Outcome);
        Assert.Equal((_server.Url("one/gone.xml"), "HTTP 404 Not Found"), (one.Unreadable, one.Reason));

        var none = await Subscribe(Page("two/", "a.xml", "b.xml"), all: true);
        Assert.Equal(SubscribeOutcome.NoneReadable, none.Outcome);
        Assert.All(none.Feeds, f => Assert.False(f.Added));

        var listed = await _services.GetRequiredService<SubscriptionHealth>().ListAsync();
        Assert.DoesNotContain(listed, f => f.Url.Contains("/one/") || f.Url.Contains("/two/"));
    }

    [Fact]
    public async Task Without_a_check_a_feed_that_is_down_is_subscribed_as_given()
    {
        var down = _server.Url("down.xml");
        Assert.Equal(SubscribeOutcome.NotReadable, (await Subscribe(down)).Outcome);

        var forced = await Subscribe(down, "Later", check: false);
        Assert.Equal(SubscribeOutcome.Subscribed, forced.Outcome);
        Assert.Equal(new FeedAttempt(new FeedSource(down, "Later"), Added: true), Assert.Single(forced.Feeds));
        var polled = await _services.GetRequiredService<SubscriptionHealth>().PolledAsync();
        Assert.NotNull(Assert.Single(polled, f => f.Feed.Url == down).Added);
    }
}
