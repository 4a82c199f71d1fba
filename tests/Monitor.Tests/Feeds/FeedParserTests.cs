using System.Text;
using Monitor.Core.Feeds;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Feeds;

public class FeedParserTests
{
    private static ParsedFeed Parse(string text) => FeedParser.Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Reads_rss_with_source_and_date()
    {
        var feed = Parse(TestFeeds.Rss("Wire", new TestFeeds.Item("Title", "https://a.example/1", TestFeeds.Date("2022-09-21T06:00:00Z"), "Body", Source: "Agency")));
        var item = Assert.Single(feed.Items);
        Assert.Equal("Wire", feed.Title);
        Assert.Equal("https://a.example/1", item.Link);
        Assert.Equal("Agency", item.Source);
        Assert.Equal(TestFeeds.Date("2022-09-21T06:00:00Z"), FeedDates.Parse(item.Date));
    }

    [Fact]
    public void Reads_atom_published_and_summary()
    {
        var feed = Parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2023-01-02T00:00:00Z</updated>
            <entry><title>Entry</title><link href="https://a.example/e"/><id>urn:e</id><updated>2023-01-03T00:00:00Z</updated>
            <published>2023-01-02T10:00:00+02:00</published><summary>Sum</summary></entry></feed>
            """.Trim());
        var item = Assert.Single(feed.Items);
        Assert.Equal("urn:e", item.Guid);
        Assert.Equal("Sum", item.Summary);
        Assert.Equal(new DateTimeOffset(2023, 1, 2, 8, 0, 0, TimeSpan.Zero), FeedDates.Parse(item.Date));
    }

    [Fact]
    public void Reads_json_feed()
    {
        var feed = Parse("""
            {"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
              {"id":"1","url":"https://a.example/j","title":"JT","summary":"JS","date_published":"2023-05-01T00:00:00Z"}]}
            """);
        var item = Assert.Single(feed.Items);
        Assert.Equal("JS", item.Summary);
        Assert.Equal("https://a.example/j", item.Link);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>Not a feed</body></html>")]
    [InlineData("<rss version=\"2.0\"><channel><title>cut off")]
    public void A_body_that_is_not_a_feed_gives_a_reason(string body)
    {
        var e = Assert.Throws<FeedFormatException>(() => Parse(body));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.DoesNotContain("\n", e.Message);
    }
}
