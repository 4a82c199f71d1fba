using Microsoft.Extensions.DependencyInjection;
using Monitor.Api;
using Monitor.Api.Endpoints;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Api;

/// <summary>GET, POST and DELETE api/feeds through their handlers: subscriptions in Azurite, feeds over loopback HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FeedsHandlerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FeedServer _server = new();
    private ServiceProvider _services = null!;
    private FeedsEndpoints _feeds = null!;

    public Task InitializeAsync()
    {
        _services = TestServices.Create(azurite, configure: s => s.AddMonitorApi());
        _feeds = _services.GetRequiredService<FeedsEndpoints>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _server.Dispose();
    }

    private Task<ApiResponse> ListAsync() => ApiHarness.CallAsync(_services, "GET", "/api/feeds", r => _feeds.ListAsync(r, CancellationToken.None));

    private Task<ApiResponse> AddAsync(string body, string contentType = "application/json") =>
        ApiHarness.CallAsync(_services, "POST", "/api/feeds", r => _feeds.AddAsync(r, CancellationToken.None), body, contentType);

    private Task<ApiResponse> RemoveAsync(string id) =>
        ApiHarness.CallAsync(_services, "DELETE", $"/api/feeds/{id}", r => _feeds.RemoveAsync(r, id, CancellationToken.None));

    [Fact]
    public async Task A_feed_is_subscribed_listed_with_its_health_and_removed()
    {
        var defaults = (await ListAsync()).Json.GetArrayLength();
        Assert.Equal(FeedList.Defaults().Count, defaults);

        var url = _server.Serve("wire.xml", TestFeeds.Rss("  Example Wire  ", TestFeeds.SeedStory()));
        var added = await AddAsync($"{{\"url\": \"{url}\"}}");
        Assert.Equal(201, added.Status);
        var feed = added.Json;
        Assert.Equal((url, "Example Wire", "new"), (feed.GetProperty("url").GetString(), feed.GetProperty("title").GetString(), feed.GetProperty("status").GetString()));
        var id = feed.GetProperty("id").GetString()!;
        Assert.Equal(FeedSource.KeyOf(url), id);

        var again = await AddAsync($"{{\"url\": \"{url}\", \"title\": \"Other\"}}");
        Assert.Equal(200, again.Status);
        Assert.Equal("Example Wire", again.Json.GetProperty("title").GetString());

        // A pass records the feed's health, which the list shows.
        await _services.GetRequiredService<PollRunner>().RunAsync([new FeedSource(url)]);
        var listed = (await ListAsync()).Json.EnumerateArray().Single(f => f.GetProperty("id").GetString() == id);
        Assert.Equal("ok", listed.GetProperty("status").GetString());
        Assert.Equal(5, listed.GetProperty("itemsStored").GetInt64());
        Assert.True(listed.TryGetProperty("lastSuccess", out _));
        Assert.Equal(defaults + 1, (await ListAsync()).Json.GetArrayLength());

        Assert.Equal(204, (await RemoveAsync(id)).Status);
        Assert.Equal(defaults, (await ListAsync()).Json.GetArrayLength());
        (await RemoveAsync(id)).AssertProblem(404, "unknown-feed");
    }

    [Fact]
    public async Task A_page_that_links_one_feed_subscribes_that_feed()
    {
        var feed = _server.Serve("news/atom.xml", TestFeeds.Rss("Linked", TestFeeds.SeedStory()));
        var page = _server.Serve("news/index.html", "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"atom.xml\"></head><body></body></html>", "text/html");
        var added = await AddAsync($"{{\"url\": \"{page}\"}}");
        Assert.Equal(201, added.Status);
        Assert.Equal((feed, "Linked"), (added.Json.GetProperty("url").GetString(), added.Json.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_page_that_links_several_feeds_asks_for_one()
    {
        var page = _server.Serve("multi.html", "<html><head>" +
            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"News\" href=\"/news.xml\">" +
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Opinion\" href=\"/opinion.xml\"></head><body></body></html>", "text/html");
        var problem = (await AddAsync($"{{\"url\": \"{page}\"}}")).AssertProblem(422, "several-feeds");
        Assert.Equal([(_server.Url("news.xml"), "News"), (_server.Url("opinion.xml"), "Opinion")],
            problem.GetProperty("candidates").EnumerateArray().Select(c => (c.GetProperty("url").GetString(), c.GetProperty("title").GetString())));
    }

    [Fact]
    public async Task A_url_that_is_no_feed_is_refused_unless_check_is_off()
    {
        var missing = _server.Url("missing.xml");
        var problem = (await AddAsync($"{{\"url\": \"{missing}\"}}")).AssertProblem(422, "feed-not-readable");
        Assert.Contains("404", problem.GetProperty("detail").GetString());

        var requests = _server.Requests;
        var added = await AddAsync($"{{\"url\": \"{missing}\", \"title\": \"Later\", \"check\": false}}");
        Assert.Equal(201, added.Status);
        Assert.Equal("Later", added.Json.GetProperty("title").GetString());
        Assert.Equal(requests, _server.Requests);
    }

    [Theory]
    [InlineData("{\"url\": \"https://example.org/feed\"}", "text/plain", 415, "unsupported-media-type")]
    [InlineData("url=https://example.org/feed", "application/x-www-form-urlencoded", 415, "unsupported-media-type")]
    [InlineData("{\"url\": ", "application/json", 400, "invalid-body")]
    [InlineData("{\"title\": \"no url\"}", "application/json", 400, "invalid-body")]
    [InlineData("{\"url\": \"https://example.org/feed\", \"check\": \"yes\"}", "application/json", 400, "invalid-body")]
    [InlineData("null", "application/json", 400, "invalid-body")]
    [InlineData("{\"url\": \"ftp://example.org/feed\"}", "application/json", 400, "invalid-parameter")]
    [InlineData("{\"url\": \"javascript:alert(1)\"}", "application/json", 400, "invalid-parameter")]
    public async Task A_bad_body_is_a_problem(string body, string contentType, int status, string type) =>
        (await AddAsync(body, contentType)).AssertProblem(status, type);

    [Fact]
    public async Task A_url_with_a_filter_in_it_is_stored_under_its_hash()
    {
        var url = "https://example.org/feed?x='%20or%20PartitionKey%20ne%20'";
        var added = await AddAsync($"{{\"url\": \"{url}\", \"check\": false}}");
        Assert.Equal(201, added.Status);
        Assert.Matches("^[0-9a-f]{32}$", added.Json.GetProperty("id").GetString());
        Assert.Equal(FeedList.Defaults().Count + 1, (await ListAsync()).Json.GetArrayLength());
    }
}
