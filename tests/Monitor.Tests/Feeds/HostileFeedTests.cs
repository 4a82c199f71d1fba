using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Parsing;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Polling;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Feeds;

/// <summary>
/// Parsing and clean-up are linear and budgeted. Each hostile body took seconds to minutes before; each is now
/// read within a CPU budget (checked by the parser itself) far below that. The bound is generous: it tells
/// linear from quadratic, not fast from slow.
/// </summary>
public class HostileFeedTests
{
    private static readonly FeedSource Source = new("https://hostile.example/feed.xml");
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private static FeedIntake.Result Read(HostileFeeds.Case hostile, TimeSpan budget) =>
        FeedIntake.Read(Encoding.UTF8.GetBytes(hostile.Body), hostile.ContentType, Source, DateTimeOffset.UtcNow, budget);

    [Fact]
    public void A_description_of_a_million_open_tags_is_cleaned_up_in_linear_time()
    {
        var item = Assert.Single(Read(HostileFeeds.OpenTags(), Generous).Items);
        Assert.Equal("Armenia and Azerbaijan", item.Title);
        Assert.Single(Read(HostileFeeds.EscapedOpenTags(), Generous).Items);
    }

    [Fact]
    public void Unclosed_CDATA_comments_and_scripts_do_not_rescan_the_text()
    {
        Assert.Single(Read(HostileFeeds.UnclosedMarkup(), Generous).Items);
    }

    [Fact]
    public void Elements_nested_300000_deep_are_flattened_below_the_depth_cap()
    {
        var result = Read(HostileFeeds.DeepNesting(), Generous);
        Assert.Single(result.Items);
        Assert.Contains(result.Parsed.Repairs, r => r.Contains($"deeper than {XmlRepairer.MaxDepth}", StringComparison.Ordinal));
    }

    [Fact]
    public void Twenty_thousand_stray_end_tags_are_dropped()
    {
        Assert.Single(Read(HostileFeeds.StrayEndTags(), Generous).Items);
    }

    [Fact]
    public void Feed_discovery_over_a_flood_of_link_tags_is_linear()
    {
        var page = HostileFeeds.LinkFlood(400_000).Body; // about 24 s before: quadratic
        var clock = Stopwatch.StartNew();
        Assert.Empty(FeedDiscovery.Discover(page, new Uri("https://hostile.example/")));
        Assert.True(clock.Elapsed < Generous, $"{clock.Elapsed}");
    }

    [Fact]
    public void More_elements_than_the_cap_fail_the_feed_with_the_reason()
    {
        var body = "<rss version=\"2.0\"><channel>" + new StringBuilder().Insert(0, "<x/>", XmlRepairer.MaxElements + 1) + "</channel></rss>";
        var e = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.Equal($"more than {XmlRepairer.MaxElements:N0} elements", e.Message);
    }

    [Fact]
    public void A_feed_over_its_parse_budget_fails_with_the_reason()
    {
        // 20,000 ordinary items: well over a millisecond of CPU on any machine.
        var items = Enumerable.Range(0, 20_000).Select(n => new TestFeeds.Item($"Story {n} about Armenia", $"https://big.example/{n}",
            TestFeeds.Date("2023-01-01T00:00:00Z").AddMinutes(n), "<p>Azerbaijan and <b>Armenia</b> at the border.</p>")).ToArray();
        var body = Encoding.UTF8.GetBytes(TestFeeds.Rss("Big", items));
        var e = Assert.Throws<FeedFormatException>(() => FeedIntake.Read(body, null, Source, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(1)));
        Assert.StartsWith("too costly to parse: over the budget of 0.001 s of CPU", e.Message);

        // Without the budget the same body reads, and only the newest items are taken.
        var read = FeedIntake.Read(body, null, Source, DateTimeOffset.UtcNow, TimeSpan.Zero);
        Assert.Equal(FeedIntake.MaxItemsPerPass, read.Items.Count);
        Assert.Equal("Story 19999 about Armenia", read.Items[0].Title);
        Assert.All(read.Items, i => Assert.True(i.Published >= TestFeeds.Date("2023-01-01T00:00:00Z").AddMinutes(20_000 - FeedIntake.MaxItemsPerPass)));
    }
}
