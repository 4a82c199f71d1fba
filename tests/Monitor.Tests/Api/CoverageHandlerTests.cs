using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Api;
using Monitor.Api.Endpoints;
using Monitor.Core.Query;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Api;

/// <summary>The read endpoints through their real handlers, against the story stored in Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CoverageHandlerTests(AzuriteFixture azurite, StoryFixture story) : IClassFixture<StoryFixture>
{
    private const string Topic = "border-clashes";

    private async Task<ApiResponse> CoverageAsync(string query, string topic = Topic)
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        return await ApiHarness.CallAsync(services, "GET", $"/api/topics/{topic}/coverage{query}",
            r => services.GetRequiredService<TopicsEndpoints>().CoverageAsync(r, topic, CancellationToken.None));
    }

    private static IEnumerable<(string Url, DateTimeOffset Published)> Entries(JsonElement item) =>
        [(item.GetProperty("url").GetString()!, DateTimeOffset.Parse(item.GetProperty("published").GetString()!)),
         .. item.GetProperty("alsoReported").EnumerateArray().Select(r => (r.GetProperty("url").GetString()!, DateTimeOffset.Parse(r.GetProperty("published").GetString()!)))];

    [Fact]
    public async Task Articles_are_listed_and_one_article_has_its_topics_claims_and_counts()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var articles = services.GetRequiredService<ArticlesEndpoints>();
        var list = await ApiHarness.CallAsync(services, "GET", "/api/articles", r => articles.ListAsync(r));
        Assert.Equal(200, list.Status);
        var seed = Assert.Single(list.Json.EnumerateArray());
        Assert.Equal((ApiStory.Article, 12, 21), (seed.GetProperty("id").GetString(), seed.GetProperty("topics").GetInt32(), seed.GetProperty("claims").GetInt32()));
        Assert.Equal("2022-09-20T00:00:00Z", seed.GetProperty("published").GetString());

        var one = await ApiHarness.CallAsync(services, "GET", $"/api/articles/{ApiStory.Article}", r => articles.GetAsync(r, ApiStory.Article, CancellationToken.None));
        Assert.Equal(200, one.Status);
        var border = one.Json.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("id").GetString() == Topic);
        var summary = await services.GetRequiredService<CoverageQuery>().SummariseAsync();
        Assert.Equal(summary.CountOf(Topic), border.GetProperty("items").GetInt32());
        Assert.True(border.GetProperty("items").GetInt32() >= ApiStory.PagingItems + 1);
        Assert.Contains(border.GetProperty("claims").EnumerateArray(), c => c.GetProperty("id").GetString() == "C01" && c.GetProperty("items").GetInt32() >= ApiStory.PagingItems);
    }

    [Fact]
    public async Task Topics_count_the_items_of_each_topic_and_claim()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var response = await ApiHarness.CallAsync(services, "GET", "/api/topics", r => services.GetRequiredService<TopicsEndpoints>().ListAsync(r, CancellationToken.None));
        Assert.Equal(200, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        var topics = response.Json.EnumerateArray().ToList();
        Assert.Equal(12, topics.Count);
        var border = topics.Single(t => t.GetProperty("id").GetString() == Topic);
        Assert.True(string.CompareOrdinal(border.GetProperty("latest").GetString(), "2024-06-12T06:00:00Z") >= 0);
        Assert.True(topics.Single(t => t.GetProperty("id").GetString() == "zangezur-corridor").GetProperty("items").GetInt32() >= 2);
    }

    [Fact]
    public async Task Paging_with_continuation_shows_every_entry_once_newest_first()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var all = (await services.GetRequiredService<CoverageQuery>().GetAsync(new CoverageRequest(Topic) { Limit = 10_000 }))
            .SelectMany(e => new[] { e.Url }.Concat(e.AlsoReported.Select(r => r.Url))).Order().ToList();
        Assert.True(all.Count > 9, "the story should need several pages of 3");

        var seen = new List<string>();
        DateTimeOffset? oldestSoFar = null;
        string? continuation = null;
        var pages = 0;
        do
        {
            var response = await CoverageAsync("?limit=3" + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation)));
            Assert.Equal(200, response.Status);
            var page = response.Json;
            var entries = page.GetProperty("items").EnumerateArray().SelectMany(Entries).ToList();
            Assert.InRange(entries.Count, 0, 3);
            Assert.InRange(page.GetProperty("items").GetArrayLength(), 0, 3);
            // Newest first across pages: nothing on this page is newer than anything on the previous ones.
            if (oldestSoFar is { } bound) Assert.All(entries, e => Assert.True(e.Published <= bound, $"{e.Url} is newer than the previous page"));
            if (entries.Count > 0) oldestSoFar = entries.Min(e => e.Published);
            seen.AddRange(entries.Select(e => e.Url));
            continuation = page.TryGetProperty("continuation", out var c) ? c.GetString() : null;
            if (continuation is not null)
            {
                var next = page.GetProperty("next").GetString()!;
                Assert.StartsWith($"/api/topics/{Topic}/coverage?limit=3&continuation=", next);
                Assert.Equal(continuation, Uri.UnescapeDataString(next[(next.IndexOf("continuation=", StringComparison.Ordinal) + 13)..]));
            }
            Assert.True(++pages < 50, "paging does not end");
        }
        while (continuation is not null);
        Assert.Equal(all, seen.Order().ToList());
    }

    [Fact]
    public async Task A_page_asks_storage_for_no_more_rows_than_its_limit()
    {
        var fixture = await story.ReadyAsync(azurite);
        var log = new RequestLog();
        await using var services = TestServices.Create(azurite, fixture.Prefix, configure: s =>
        {
            s.AddMonitorApi();
            s.PostConfigure<StorageOptions>(o =>
            {
                o.ClientOptions = StorageClients.DefaultTableOptions();
                o.ClientOptions.AddPolicy(log, HttpPipelinePosition.PerRetry);
            });
        });
        await services.GetRequiredService<MonitorTables>().EnsureCreatedAsync();
        log.Clear();
        var response = await ApiHarness.CallAsync(services, "GET", $"/api/topics/{Topic}/coverage?limit=4",
            r => services.GetRequiredService<TopicsEndpoints>().CoverageAsync(r, Topic, CancellationToken.None));
        Assert.Equal(200, response.Status);
        Assert.True(response.Json.TryGetProperty("continuation", out _));
        var query = Uri.UnescapeDataString(Assert.Single(log.Uris).Query);
        Assert.Contains("$top=4", query);
        Assert.Contains($"PartitionKey eq '{ApiStory.Article}|topic|{Topic}'", query);
    }

    [Fact]
    public async Task Since_and_until_bound_the_window_since_inclusive_until_exclusive()
    {
        var response = await CoverageAsync("?since=2024-06-03T06:00:00Z&until=2024-06-06T06:00:00Z&limit=500");
        Assert.Equal(200, response.Status);
        var dates = response.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("published").GetString()).ToList();
        Assert.Equal(["2024-06-05T06:00:00Z", "2024-06-04T06:00:00Z", "2024-06-03T06:00:00Z"], dates);
        Assert.Equal("2024-06-03T06:00:00Z", response.Json.GetProperty("since").GetString());
        Assert.Equal("2024-06-06T06:00:00Z", response.Json.GetProperty("until").GetString());
        Assert.False(response.Json.TryGetProperty("continuation", out _));
    }

    [Fact]
    public async Task A_claim_narrows_the_coverage_to_its_items()
    {
        var c04 = await CoverageAsync("?claim=C04&limit=500");
        Assert.Equal(200, c04.Status);
        Assert.Equal("C04", c04.Json.GetProperty("claim").GetString());
        Assert.Contains(c04.Json.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == ApiStory.HostileTitle);
        Assert.All(c04.Json.GetProperty("items").EnumerateArray(), i => Assert.Contains(i.GetProperty("claims").EnumerateArray(), c => c.GetProperty("id").GetString() == "C04"));
        var c01 = await CoverageAsync("?claim=C01&limit=500");
        Assert.True(c01.Json.GetProperty("items").GetArrayLength() >= ApiStory.PagingItems);
        Assert.DoesNotContain(c01.Json.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == ApiStory.HostileTitle);
    }

    [Fact]
    public async Task A_claim_has_counts_first_and_latest_items_and_a_weekly_timeline()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var response = await ApiHarness.CallAsync(services, "GET", "/api/claims/C01",
            r => services.GetRequiredService<ClaimsEndpoints>().GetAsync(r, "C01", CancellationToken.None));
        Assert.Equal(200, response.Status);
        var claim = response.Json;
        var stats = (await services.GetRequiredService<CoverageQuery>().SummariseAsync()).StatsOf("C01");
        Assert.Equal(stats.Items, claim.GetProperty("items").GetInt32());
        Assert.Equal(CoverageViews.Iso(stats.First!.Value), claim.GetProperty("first").GetString());
        Assert.Equal(CoverageViews.Iso(stats.Latest!.Value), claim.GetProperty("latest").GetString());
        Assert.InRange(claim.GetProperty("itemsPerTopic").GetProperty(Topic).GetInt32(), ApiStory.PagingItems, stats.Items);
        Assert.Equal("https://border.example/2024/06/12", claim.GetProperty("latestItem").GetProperty("url").GetString());
        Assert.Equal("Delimitation commission postpones Tavush meeting", claim.GetProperty("latestItem").GetProperty("title").GetString());
        Assert.Equal(claim.GetProperty("first").GetString(), claim.GetProperty("firstItem").GetProperty("published").GetString());

        var weeks = claim.GetProperty("timeline").EnumerateArray().Select(w => (w.GetProperty("week").GetString()!, w.GetProperty("start").GetString()!, w.GetProperty("items").GetInt32())).ToList();
        Assert.Equal(stats.Items, weeks.Sum(w => w.Item3));
        Assert.Equal(weeks.OrderBy(w => w.Item2).ToList(), weeks);
        // 1-12 June 2024: Saturday and Sunday of week 22, all of week 23, Monday to Wednesday of week 24.
        Assert.Contains(("2024-W22", "2024-05-27", 2), weeks);
        Assert.Contains(("2024-W23", "2024-06-03", 7), weeks);
        Assert.Contains(("2024-W24", "2024-06-10", 3), weeks);
    }

    /// <summary>Records the storage requests sent.</summary>
    private sealed class RequestLog : HttpPipelinePolicy
    {
        private readonly List<Uri> _uris = [];

        public IReadOnlyList<Uri> Uris { get { lock (_uris) return _uris.ToList(); } }

        public void Clear() { lock (_uris) _uris.Clear(); }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            lock (_uris) _uris.Add(message.Request.Uri.ToUri());
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            lock (_uris) _uris.Add(message.Request.Uri.ToUri());
            return ProcessNextAsync(message, pipeline);
        }
    }
}
