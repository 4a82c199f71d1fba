using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Core.Query;
using Monitor.Functions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Functions;

/// <summary>The function classes called as the host would: real HttpContext for HTTP triggers, a TimerInfo for the timer.</summary>
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
        _services = TestServices.Create(azurite, extra: new Dictionary<string, string?> { ["MONITOR_FEEDS"] = _feedsFile });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _server.Dispose();
        File.Delete(_feedsFile);
    }

    private static HttpRequest Request(string query)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        context.Request.Method = "GET";
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    private async Task<PollReport> PollAsync()
    {
        var function = new PollFeeds(_services.GetRequiredService<PollRunner>(), _services.GetRequiredService<ConfiguredFeeds>(), NullLogger<PollFeeds>.Instance);
        return await function.RunAsync(new TimerInfo(), CancellationToken.None);
    }

    [Fact]
    public async Task The_timer_polls_the_configured_feeds_and_the_api_reads_the_coverage()
    {
        var report = await PollAsync();
        Assert.Equal(5, report.ItemsNew);

        var api = new CoverageApi(_services.GetRequiredService<CoverageQuery>());
        var topics = Assert.IsType<JsonResult>(await api.TopicsAsync(Request(""), CancellationToken.None));
        var views = Assert.IsAssignableFrom<IReadOnlyList<TopicView>>(topics.Value);
        Assert.Equal(12, views.Count);
        Assert.True(views.Single(v => v.Id == "border-clashes").Items >= 1);

        var coverage = Assert.IsType<JsonResult>(await api.CoverageAsync(Request("?since=2022-09-01&limit=10"), "border-clashes", CancellationToken.None));
        var items = Assert.IsAssignableFrom<IReadOnlyList<CoverageItemView>>(coverage.Value);
        Assert.Contains(items, i => i.Url == "https://news.example/2022/09/13/clashes");
        var json = JsonSerializer.Serialize(coverage.Value, CoverageViews.Json);
        Assert.Contains("\"published\": \"2022-09-21T06:00:00Z\"", json);
    }

    [Theory]
    [InlineData("nope", "", "unknown topic 'nope'")]
    [InlineData("border-clashes", "?since=notadate", "since: 'notadate' is not a date")]
    [InlineData("border-clashes", "?limit=lots", "limit: 'lots' is not a whole number")]
    [InlineData("border-clashes", "?claim=C11", "claim 'C11' is not under topic 'border-clashes'")]
    public async Task Bad_requests_get_a_400_with_a_message(string topic, string query, string message)
    {
        var api = new CoverageApi(_services.GetRequiredService<CoverageQuery>());
        var result = Assert.IsType<BadRequestObjectResult>(await api.CoverageAsync(Request(query), topic, CancellationToken.None));
        Assert.StartsWith(message, JsonSerializer.SerializeToElement(result.Value).GetProperty("error").GetString());
    }
}
