using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Api;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Functions;
using Monitor.Tests.Api;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Functions;

/// <summary>
/// The function classes called as the host would (services from the container, a real HttpContext, the IResult
/// executed), so the Functions bindings are proved to reach the shared handlers.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionClassTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FeedServer _server = new();
    private ServiceProvider _services = null!;
    private string _feedsFile = null!;

    public async Task InitializeAsync()
    {
        _feedsFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(_feedsFile, _server.Serve("story.xml", TestFeeds.Rss("Wire", TestFeeds.SeedStory())) + "\n");
        _services = TestServices.Create(azurite, extra: new Dictionary<string, string?> { ["MONITOR_FEEDS"] = _feedsFile }, configure: s => s.AddMonitorApi());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _server.Dispose();
        File.Delete(_feedsFile);
    }

    private T Function<T>() where T : class => ActivatorUtilities.CreateInstance<T>(_services);

    private Task<ApiResponse> Call(string method, string path, Func<HttpRequest, Task<IResult>> function, string? body = null) =>
        ApiHarness.CallAsync(_services, method, path, function, body);

    private async Task<PollReport> PollAsync()
    {
        var function = new PollFeeds(_services.GetRequiredService<PollRunner>(), _services.GetRequiredService<ConfiguredFeeds>(), NullLogger<PollFeeds>.Instance);
        return await function.RunAsync(new TimerInfo(), CancellationToken.None);
    }

    [Fact]
    public async Task The_timer_polls_the_configured_feeds_and_the_read_functions_answer()
    {
        var report = await PollAsync();
        Assert.Equal(5, report.ItemsNew);
        var api = Function<CoverageApi>();

        var topics = await Call("GET", "/api/topics", r => api.TopicsAsync(r, CancellationToken.None));
        Assert.Equal(200, topics.Status);
        Assert.Equal(12, topics.Json.GetArrayLength());
        Assert.True(topics.Json.EnumerateArray().Single(v => v.GetProperty("id").GetString() == "border-clashes").GetProperty("items").GetInt32() >= 1);

        var coverage = await Call("GET", "/api/topics/border-clashes/coverage?since=2022-09-01&limit=10", r => api.CoverageAsync(r, "border-clashes", CancellationToken.None));
        Assert.Equal(200, coverage.Status);
        var item = coverage.Json.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("url").GetString() == "https://news.example/2022/09/13/clashes");
        Assert.Equal("2022-09-21T06:00:00Z", item.GetProperty("published").GetString());

        var claim = await Call("GET", "/api/claims/C01", r => api.ClaimAsync(r, "C01", CancellationToken.None));
        Assert.Equal((200, "C01"), (claim.Status, claim.Json.GetProperty("id").GetString()));
        var articlesApi = Function<ArticlesApi>();
        var articles = await Call("GET", "/api/articles", articlesApi.ArticlesAsync);
        Assert.Equal(1, articles.Json.GetArrayLength());
        var article = await Call("GET", $"/api/articles/{ApiStory.Article}", r => articlesApi.ArticleAsync(r, ApiStory.Article, CancellationToken.None));
        Assert.Equal(12, article.Json.GetProperty("topics").GetArrayLength());

        var docs = Function<DocsApi>();
        var openApi = await Call("GET", "/api/openapi.json", docs.OpenApiAsync);
        Assert.Equal("3.1.0", openApi.Json.GetProperty("openapi").GetString());
        var page = await Call("GET", "/api/ui?topic=border-clashes", r => docs.UiAsync(r, CancellationToken.None));
        Assert.Equal(200, page.Status);
        Assert.Contains("Azerbaijan shells Armenian border towns", page.Body);
        Assert.Contains("href=\"/api/openapi.json\"", page.Body);
    }

    [Fact]
    public async Task The_feed_functions_subscribe_list_and_unsubscribe()
    {
        var feeds = Function<FeedsApi>();
        var url = _server.Serve("more.xml", TestFeeds.Rss("More", TestFeeds.SeedStory()));
        var added = await Call("POST", "/api/feeds", r => feeds.AddAsync(r, CancellationToken.None), $"{{\"url\": \"{url}\"}}");
        Assert.Equal(201, added.Status);
        var id = added.Json.GetProperty("id").GetString()!;
        var list = await Call("GET", "/api/feeds", r => feeds.ListAsync(r, CancellationToken.None));
        Assert.Contains(list.Json.EnumerateArray(), f => f.GetProperty("id").GetString() == id && f.GetProperty("title").GetString() == "More");
        Assert.Equal(204, (await Call("DELETE", $"/api/feeds/{id}", r => feeds.RemoveAsync(r, id, CancellationToken.None))).Status);
        Assert.DoesNotContain((await Call("GET", "/api/feeds", r => feeds.ListAsync(r, CancellationToken.None))).Json.EnumerateArray(), f => f.GetProperty("id").GetString() == id);
    }

    [Theory]
    [InlineData("nope", "", 404, "unknown-topic", "unknown topic 'nope'")]
    [InlineData("border-clashes", "?since=notadate", 400, "invalid-date", "since: 'notadate' is not a date")]
    [InlineData("border-clashes", "?limit=lots", 400, "invalid-limit", "limit: 'lots' is not a whole number")]
    [InlineData("border-clashes", "?claim=C11", 400, "invalid-parameter", "claim 'C11' is not under topic 'border-clashes'")]
    public async Task Bad_requests_get_a_problem_with_a_message(string topic, string query, int status, string type, string message)
    {
        var api = Function<CoverageApi>();
        var response = await Call("GET", $"/api/topics/{topic}/coverage{query}", r => api.CoverageAsync(r, topic, CancellationToken.None));
        Assert.StartsWith(message, response.AssertProblem(status, type).GetProperty("detail").GetString());
    }
}
