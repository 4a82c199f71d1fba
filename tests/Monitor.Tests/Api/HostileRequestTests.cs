using Microsoft.Extensions.DependencyInjection;
using Monitor.Api;
using Monitor.Api.Endpoints;
using Monitor.Core.Articles.Extraction;
using Monitor.Core.Digest;
using Monitor.Core.Feeds;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Api;

/// <summary>The smaller findings of issue 10: each answer is the documented one, with a clear message.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileRequestTests(AzuriteFixture azurite, StoryFixture story) : IClassFixture<StoryFixture>
{
    [Fact]
    public async Task A_storage_outage_after_start_up_answers_503_on_the_API_and_the_page()
    {
        var storage = new FailingStorage(int.MaxValue);
        using var services = TestServices.Create(azurite, configure: s =>
        {
            s.AddMonitorApi();
            s.PostConfigure<StorageOptions>(o => o.ClientOptions = storage.ClientOptions(maxRetries: 2));
        });
        await services.GetRequiredService<MonitorTables>().EnsureCreatedAsync();
        storage.FailAfter = 0; // storage goes away; the SDK's retries end in an AggregateException

        var topics = await ApiHarness.CallAsync(services, "GET", "/api/topics",
            r => services.GetRequiredService<TopicsEndpoints>().ListAsync(r, CancellationToken.None));
        topics.AssertProblem(503, "storage-unavailable");
        var page = await ApiHarness.CallAsync(services, "GET", "/api/ui",
            r => services.GetRequiredService<UiEndpoint>().GetAsync(r, CancellationToken.None));
        Assert.Equal(503, page.Status);
        Assert.Contains("storage is unreachable", page.Body);
    }

    [Fact]
    public async Task An_escaped_ampersand_in_a_value_is_not_a_second_parameter_to_the_response_cache()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        Task<ApiResponse> Coverage(string query) => ApiHarness.CallAsync(services, "GET", "/api/topics/border-clashes/coverage" + query,
            r => services.GetRequiredService<TopicsEndpoints>().CoverageAsync(r, "border-clashes", CancellationToken.None));
        var one = await Coverage("?x=1&limit=1");
        Assert.Equal(1, one.Json.GetProperty("items").GetArrayLength());
        var all = await Coverage("?x=1%26limit%3D1");
        Assert.True(all.Json.GetProperty("items").GetArrayLength() > 1, all.Body);
    }

    [Fact]
    public async Task A_malformed_JSON_body_is_explained_without_internal_type_names()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var feeds = services.GetRequiredService<FeedsEndpoints>();
        foreach (var body in new[] { "[1, 2]", "{\"url\": 5}", "{\"url\": \"https://a.example/\", \"check\": \"yes\"}", "{" })
        {
            var response = await ApiHarness.CallAsync(services, "POST", "/api/feeds", r => feeds.AddAsync(r, CancellationToken.None), body);
            var detail = response.AssertProblem(400, "invalid-body").GetProperty("detail").GetString()!;
            Assert.DoesNotContain("Monitor.", detail);
            Assert.DoesNotContain("System.", detail);
            Assert.Contains("not valid at $", detail);
        }
    }

    [Fact]
    public async Task A_40000_character_feed_URL_is_refused_as_bad_input()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var url = "https://long.example/" + new string('a', 5_000); // a 40,000-character body is refused before: larger than the body limit
        var response = await ApiHarness.CallAsync(services, "POST", "/api/feeds",
            r => services.GetRequiredService<FeedsEndpoints>().AddAsync(r, CancellationToken.None), $"{{\"url\": \"{url}\", \"check\": false}}");
        var detail = response.AssertProblem(400, "invalid-parameter").GetProperty("detail").GetString()!;
        Assert.Equal($"a URL of {url.Length:N0} characters; at most {StoredLimits.MaxUrl:N0} are accepted", detail);
    }

    [Fact]
    public void Bidirectional_overrides_are_removed_from_feed_text_the_digest_and_the_page()
    {
        const string spoof = "Invoice \u202Egpj.exe\u202C and \u2067isolate\u2069";
        Assert.Equal("Invoice gpj.exe and isolate", HtmlText.ToPlainText(spoof));
        Assert.Equal("Invoice gpj.exe and isolate", SafeText.OneLine(spoof));
        Assert.Equal("Invoice gpj.exe and isolate", new Monitor.Api.Page.Html().Text(spoof).ToString());
        Assert.Equal("שלום \u200Fעולם", SafeText.OneLine("שלום \u200Fעולם")); // the right-to-left mark stays
    }

    [Fact]
    public void A_page_of_100000_nested_divs_is_refused_with_a_one_line_error_instead_of_a_stack_overflow()
    {
        var html = "<html><head><title>t</title></head><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "text</body></html>";
        var e = Assert.Throws<Monitor.Core.MonitorInputException>(() => ArticleReader.FromHtml(html, "https://deep.example/", "https://deep.example/"));
        Assert.Equal($"https://deep.example/: elements nested deeper than {1000} levels; not an article page that can be read safely", e.Message);
    }
}
