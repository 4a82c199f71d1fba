using Microsoft.Extensions.DependencyInjection;
using Monitor.Core;
using Monitor.Core.Articles;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Core.Query;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Query;

[Collection(AzuriteCollection.Name)]
public sealed class CoverageQueryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private CoverageQuery _query = null!;
    private const string Article = "cradle-2022-09-armenia-azerbaijan";

    public async Task InitializeAsync()
    {
        _services = TestServices.Create(azurite);
        _query = _services.GetRequiredService<CoverageQuery>();
        await _services.GetRequiredService<MonitorTables>().EnsureCreatedAsync();
        await _services.GetRequiredService<CoverageStore>().SaveAsync(
        [
            Link("a", "2022-09-21T06:00:00Z", ["border-clashes"], ("C01", ["border-clashes"])),
            Link("b", "2022-10-05T06:00:00Z", ["border-clashes", "zangezur-corridor"], ("C03", ["border-clashes", "zangezur-corridor"])),
            Link("c", "2023-01-10T06:00:00Z", ["zangezur-corridor"], ("C03", ["zangezur-corridor"])),
            Link("d", "2022-09-30T23:00:00Z", ["border-clashes"]),
        ]);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static CoverageLink Link(string name, string published, string[] topics, params (string Id, string[] Topics)[] claims)
    {
        var item = new FeedItem
        {
            Id = (name + new string('0', 32))[..32], Url = $"https://news.example/{name}", Title = $"Item {name}", Summary = "s",
            Published = DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture),
            Source = "Wire", FeedUrl = "https://news.example/rss", FirstSeen = DateTimeOffset.UtcNow,
        };
        var evidence = new LinkEvidence(["Armenia"], "Armenia said so.");
        return new CoverageLink(Article, item,
            topics.Select(t => new TopicLink(t, 0.6, evidence)).ToList(),
            claims.Select(c => new ClaimLink(c.Id, c.Topics, 0.5, evidence)).ToList());
    }

    private async Task<string[]> Names(CoverageRequest request) =>
        (await _query.GetAsync(request)).Select(e => e.Url[^1..]).ToArray();

    [Fact]
    public async Task Newest_first() =>
        Assert.Equal(["b", "d", "a"], await Names(new CoverageRequest("border-clashes")));

    [Fact]
    public async Task Since_is_inclusive_and_limit_cuts_the_newest()
    {
        Assert.Equal(["b", "d"], await Names(new CoverageRequest("border-clashes") { Since = DateTimeOffset.Parse("2022-09-30T23:00:00Z") }));
        Assert.Equal(["b"], await Names(new CoverageRequest("border-clashes") { Limit = 1 }));
    }

    [Fact]
    public async Task A_claim_narrows_to_its_items_under_the_topic()
    {
        Assert.Equal(["b"], await Names(new CoverageRequest("border-clashes") { ClaimId = "C03" }));
        Assert.Equal(["c", "b"], await Names(new CoverageRequest("zangezur-corridor") { ClaimId = "C03" }));
    }

    [Fact]
    public async Task Entries_carry_topics_claims_and_evidence()
    {
        var b = (await _query.GetAsync(new CoverageRequest("zangezur-corridor"))).Single(e => e.Url.EndsWith("/b"));
        Assert.Equal(["border-clashes", "zangezur-corridor"], b.Topics);
        var claim = Assert.Single(b.Claims);
        Assert.Equal(("C03", 0.5), (claim.Id, claim.Score));
        Assert.Equal("Armenia said so.", claim.Sentence);
        Assert.Equal(DateTimeOffset.Parse("2022-10-05T06:00:00Z"), b.Published);
    }

    [Theory]
    [InlineData("no-such-topic", null, "unknown topic 'no-such-topic'")]
    [InlineData("border-clashes", "C99", "unknown claim 'C99'")]
    [InlineData("border-clashes", "C11", "claim 'C11' is not under topic 'border-clashes'")]
    public async Task Unknown_or_mismatched_ids_are_input_errors(string topic, string? claim, string message)
    {
        var e = await Assert.ThrowsAsync<MonitorInputException>(() => _query.GetAsync(new CoverageRequest(topic) { ClaimId = claim }));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public async Task Summary_counts_items_per_topic_and_claim()
    {
        var summary = await _query.SummariseAsync();
        Assert.Equal(3, summary.CountOf("border-clashes"));
        Assert.Equal(2, summary.CountOf("zangezur-corridor"));
        Assert.Equal(2, summary.CountOf("C03"));
        Assert.Equal(0, summary.CountOf("iran-caucasus"));
        Assert.Equal(new LinkCount(2, DateTimeOffset.Parse("2022-10-05T06:00:00Z"), DateTimeOffset.Parse("2023-01-10T06:00:00Z")), summary.StatsOf("C03"));
        Assert.Equal(LinkCount.None, summary.StatsOf("C20"));
        var views = CoverageViews.ToViews(summary);
        Assert.Equal(12, views.Count);
        Assert.Contains(views.Single(v => v.Id == "zangezur-corridor").Claims,
            c => c is { Id: "C03", Items: 2, First: "2022-10-05T06:00:00Z", Latest: "2023-01-10T06:00:00Z" });
    }

    [Fact]
    public async Task Under_a_topic_a_claim_counts_only_its_items_linked_to_that_topic()
    {
        // C03's two items: b is about both topics, c only about the corridor. Its total (2) is not its count under
        // border-clashes (1), which the topic list would otherwise show beside a topic count that leaves c out.
        var summary = await _query.SummariseAsync();
        Assert.Equal(2, summary.CountOf("C03"));
        Assert.Equal(new LinkCount(1, DateTimeOffset.Parse("2022-10-05T06:00:00Z"), DateTimeOffset.Parse("2022-10-05T06:00:00Z")), summary.StatsOf("C03", "border-clashes"));
        Assert.Equal(2, summary.StatsOf("C03", "zangezur-corridor").Items);
        var border = CoverageViews.ToViews(summary).Single(v => v.Id == "border-clashes");
        Assert.Contains(border.Claims, c => c is { Id: "C03", Items: 1, Latest: "2022-10-05T06:00:00Z" });
        Assert.Contains(border.Claims, c => c is { Id: "C01", Items: 1 });
        Assert.All(border.Claims, c => Assert.True(c.Items <= border.Items, $"{c.Id} counts {c.Items} under a topic of {border.Items}"));
        // The claims list keeps each claim's total.
        Assert.Contains(CoverageViews.ClaimViews(summary), c => c is { Id: "C03", Items: 2 });
    }
}
