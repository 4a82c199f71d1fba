using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Api.Endpoints;
using Monitor.Api.Http;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Query;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Api;

/// <summary>
/// Bad requests get an RFC 9457 problem that says what to fix, with the status a client can act on; values
/// that try OData injection are refused or reach storage escaped.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProblemTests(AzuriteFixture azurite, StoryFixture story) : IClassFixture<StoryFixture>
{
    private async Task<ApiResponse> GetAsync(string path)
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var route = path.Split('?')[0].Split('/');
        return await ApiHarness.CallAsync(services, "GET", path, Handler(services, route));
    }

    /// <summary>The handler a host would route the path to, with the route values it would bind (decoded).</summary>
    private static Func<HttpRequest, Task<IResult>> Handler(IServiceProvider services, string[] route) => route switch
    {
        ["", "api", "topics", var topic, "coverage"] => r => services.GetRequiredService<TopicsEndpoints>().CoverageAsync(r, Uri.UnescapeDataString(topic), CancellationToken.None),
        ["", "api", "topics"] => r => services.GetRequiredService<TopicsEndpoints>().ListAsync(r, CancellationToken.None),
        ["", "api", "claims", var id] => r => services.GetRequiredService<ClaimsEndpoints>().GetAsync(r, Uri.UnescapeDataString(id), CancellationToken.None),
        ["", "api", "articles", var id] => r => services.GetRequiredService<ArticlesEndpoints>().GetAsync(r, Uri.UnescapeDataString(id), CancellationToken.None),
        ["", "api", "ui"] => r => services.GetRequiredService<UiEndpoint>().GetAsync(r, CancellationToken.None),
        _ => throw new ArgumentException(string.Join('/', route)),
    };

    [Theory]
    [InlineData("/api/topics/nope/coverage", 404, "unknown-topic", "unknown topic 'nope'; known topics: border-clashes, ")]
    [InlineData("/api/topics/border-clashes/coverage?claim=C99", 404, "unknown-claim", "unknown claim 'C99'")]
    [InlineData("/api/topics/border-clashes/coverage?claim=C11", 400, "invalid-parameter", "claim 'C11' is not under topic 'border-clashes'")]
    [InlineData("/api/topics/border-clashes/coverage?article=nope", 404, "unknown-article", "unknown article 'nope'")]
    [InlineData("/api/topics/border-clashes/coverage?since=last%20spring", 400, "invalid-date", "since: 'last spring' is not a date")]
    [InlineData("/api/topics/border-clashes/coverage?until=2024-13-01", 400, "invalid-date", "until: '2024-13-01' is not a date")]
    [InlineData("/api/topics/border-clashes/coverage?since=2024-01-01&until=2023-01-01", 400, "invalid-date", "until (2023-01-01T00:00:00Z) must be later than since")]
    [InlineData("/api/topics/border-clashes/coverage?limit=0", 400, "invalid-limit", "limit: must be between 1 and 500, not 0")]
    [InlineData("/api/topics/border-clashes/coverage?limit=501", 400, "invalid-limit", "limit: must be between 1 and 500, not 501")]
    [InlineData("/api/topics/border-clashes/coverage?limit=ten", 400, "invalid-limit", "limit: 'ten' is not a whole number")]
    [InlineData("/api/topics/border-clashes/coverage?continuation=not%2Ba%2Btoken", 400, "invalid-continuation", "the continuation token is not valid")]
    [InlineData("/api/topics/border-clashes/coverage?continuation=aGVsbG8", 400, "invalid-continuation", "the continuation token is not valid")]
    [InlineData("/api/topics?article=nope", 404, "unknown-article", "unknown article 'nope'")]
    [InlineData("/api/claims/C99", 404, "unknown-claim", "unknown claim 'C99'; known claims: C01, ")]
    [InlineData("/api/articles/nope", 404, "unknown-article", "unknown article 'nope'; known articles: cradle-2022-09-armenia-azerbaijan")]
    public async Task Bad_requests_get_a_problem_that_says_what_to_fix(string path, int status, string type, string detail)
    {
        var response = await GetAsync(path);
        var problem = response.AssertProblem(status, type);
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString());
        Assert.Equal(path.Split('?')[0], problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task A_continuation_from_another_query_is_refused()
    {
        var first = await GetAsync("/api/topics/border-clashes/coverage?limit=2");
        var token = Uri.EscapeDataString(first.Json.GetProperty("continuation").GetString()!);
        Assert.Equal(200, (await GetAsync($"/api/topics/border-clashes/coverage?limit=5&continuation={token}")).Status);
        foreach (var other in new[] { "/api/topics/peace-treaty/coverage?", "/api/topics/border-clashes/coverage?claim=C01&", "/api/topics/border-clashes/coverage?since=2023-01-01&" })
        {
            var problem = (await GetAsync($"{other}continuation={token}")).AssertProblem(400, "invalid-continuation");
            Assert.Contains("belongs to another query", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task The_page_shows_the_problem_with_its_status()
    {
        var response = await GetAsync("/api/ui?topic=nope");
        Assert.Equal(404, response.Status);
        Assert.StartsWith("text/html", response.ContentType);
        Assert.Contains("unknown topic &#39;nope&#39;", response.Body);
        ApiResponse.AssertNoStackTrace(response.Body);
    }

    public static TheoryData<string, int, string> Injections() => new()
    {
        { "/api/topics/border-clashes'%20or%20PartitionKey%20ne%20'/coverage", 404, "unknown-topic" },
        { "/api/topics/border-clashes/coverage?claim=C01'%20or%20'1'%20eq%20'1", 404, "unknown-claim" },
        { "/api/topics/border-clashes/coverage?since=2024-01-01'%20or%20RowKey%20gt%20'", 400, "invalid-date" },
        { "/api/topics/border-clashes/coverage?until=2024-01-01'%20or%20RowKey%20gt%20'", 400, "invalid-date" },
        { "/api/topics/border-clashes/coverage?limit=1%20or%201%20eq%201", 400, "invalid-limit" },
        { "/api/topics/border-clashes/coverage?article=x'%20or%20'1'%20eq%20'1", 404, "unknown-article" },
        { "/api/topics/border-clashes/coverage?continuation=x'%20or%20'1'%20eq%20'1", 400, "invalid-continuation" },
        { "/api/topics?article=x'%20or%20'1'%20eq%20'1", 404, "unknown-article" },
        { "/api/claims/C01'%20or%20'a'%20eq%20'a", 404, "unknown-claim" },
        { "/api/articles/x'%20or%20'a'%20eq%20'a", 404, "unknown-article" },
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task OData_injection_in_a_parameter_is_refused(string path, int status, string type) =>
        (await GetAsync(path)).AssertProblem(status, type);

    [Fact]
    public async Task A_forged_continuation_with_a_filter_in_it_reads_nothing_beyond_the_topic()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var scope = ContinuationToken.Scope(ApiStory.Article, "border-clashes", null, null, null);
        // A well-formed token whose storage part tries to widen the filter: the SDK sends it as NextPartitionKey
        // and NextRowKey (URL-encoded parameters), never as part of $filter.
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"1.{scope}.{ApiStory.Article}|topic|border-clashes'or'1'eq'1 0'or'1'eq'1"));
        var response = await GetAsync($"/api/topics/border-clashes/coverage?limit=500&continuation={forged}");
        Assert.NotEqual(500, response.Status);
        if (response.Status == 200)
            Assert.All(response.Json.GetProperty("items").EnumerateArray(), i => Assert.Contains("border-clashes", i.GetProperty("topics").EnumerateArray().Select(t => t.GetString())));
        else response.AssertProblem(400, "invalid-continuation");
        var all = await services.GetRequiredService<CoverageQuery>().SummariseAsync();
        Assert.True(all.CountOf("border-clashes") > 0);
    }

    [Fact]
    public async Task A_feed_id_with_a_filter_in_it_removes_nothing()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var store = services.GetRequiredService<SubscriptionStore>();
        var before = (await store.ListAsync()).Count;
        var response = await ApiHarness.CallAsync(services, "DELETE", "/api/feeds/x", r =>
            services.GetRequiredService<FeedsEndpoints>().RemoveAsync(r, "x' or PartitionKey eq 'subscription", CancellationToken.None));
        response.AssertProblem(404, "unknown-feed");
        Assert.Equal(before, (await store.ListAsync()).Count);
    }

    [Fact]
    public void Filters_are_built_by_the_SDK_with_quotes_escaped()
    {
        Assert.Equal("PartitionKey eq 'a|topic|b'' or ''1'' eq ''1'", CoverageFilter.Of("a|topic|b' or '1' eq '1", null, null));
        var since = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal($"PartitionKey eq 'p' and RowKey gt '{Monitor.Core.Storage.CoverageStore.TimeKey(since.AddDays(1))}|~' and RowKey lt '{Monitor.Core.Storage.CoverageStore.TimeKey(since)}|~'",
            CoverageFilter.Of("p", since, since.AddDays(1)));
    }
}
