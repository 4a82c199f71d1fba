using Monitor.Core.Feeds;
using Xunit.Abstractions;
using Monitor.Core.Feeds.Parsing;

namespace Monitor.Tests.Feeds.Conformance;

/// <summary>Real news feeds (../shared/corpus/news-snapshots, read in place: no licence to copy them).</summary>
public class NewsSnapshotTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("gesab001-headlines_2020-10-13_latimes.xml", 100)]
    [InlineData("gesab001-headlines_2020-10-13_bbc.xml", 51)]
    [InlineData("gesab001-headlines_2020-10-13_smh.xml", 50)]
    [InlineData("gesab001-headlines_2020-10-13_aljazeeraenglish.xml", 15)]
    [InlineData("gesab001-headlines_2020-10-13_cnn.xml", 50)]
    [InlineData("gesab001-headlines_2020-10-13_dailymail.xml", 136)]
    [InlineData("gesab001-headlines_2020-10-13_dailytelegraph.xml", 10)]
    [InlineData("gesab001-headlines_2020-10-13_wsj.xml", 6)]
    [InlineData("laapy-rss-pool_2026-08-20_reuters_official_msn.xml", 100)]
    [InlineData("swelbyboy-prospect_2026-02-10_azatutyun.xml", 10)]
    public void Every_item_is_read_with_a_title_and_a_link(string file, int items)
    {
        var path = Path.Combine(Corpus.RequireShared("news-snapshots"), file);
        var feed = FeedParser.Parse(File.ReadAllBytes(path), "application/rss+xml; charset=utf-8");
        var normalised = ItemNormaliser.Normalise(feed, new FeedSource("https://feeds.example/" + file), DateTimeOffset.UtcNow);
        output.WriteLine($"{file}: {feed.Items.Count} items, repairs: {string.Join("; ", feed.Repairs)}");
        Assert.Equal(items, feed.Items.Count);
        Assert.Equal(items, normalised.Count);
        Assert.All(normalised, i => Assert.False(string.IsNullOrWhiteSpace(i.Title)));
        Assert.All(normalised, i => Assert.StartsWith("http", i.Url));
        // Every date the feed gives is understood; the Daily Telegraph (RSS 0.92) gives none.
        Assert.All(feed.Items.Where(i => i.Date is not null), i => Assert.NotNull(FeedDates.Parse(i.Date)));
        Assert.Equal(!file.Contains("dailytelegraph"), normalised.Any(i => i.HasPublishedDate));
    }

    [SkippableFact]
    public void Armenian_text_and_topic_items_survive_parsing()
    {
        var path = Path.Combine(Corpus.RequireShared("news-snapshots"), "swelbyboy-prospect_2026-02-10_azatutyun.xml");
        var items = ItemNormaliser.Normalise(FeedParser.Parse(File.ReadAllBytes(path)), new FeedSource("https://www.azatutyun.am/rss"), DateTimeOffset.UtcNow);
        Assert.Contains(items, i => (i.Title + i.Summary).Contains("Հայաստան", StringComparison.Ordinal) || (i.Title + i.Summary).Contains("Երևան", StringComparison.Ordinal));
        Assert.Contains(items, i => (i.Title + i.Summary).Contains("Pashinian", StringComparison.OrdinalIgnoreCase) || (i.Title + i.Summary).Contains("Փաշինյան", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Protocol_relative_namespaces_of_the_Daily_Mail_are_fixed()
    {
        var path = Path.Combine(Corpus.RequireShared("news-snapshots"), "gesab001-headlines_2020-10-13_dailymail.xml");
        var feed = FeedParser.Parse(File.ReadAllBytes(path));
        Assert.Contains(feed.Repairs, r => r.Contains("protocol-relative", StringComparison.Ordinal));
    }
}
