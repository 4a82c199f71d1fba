using System.Text;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Parsing;
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
    [InlineData("<?xml version=\"1.0\"?>")] // a truncated feed is repaired (FeedRepairTests); one with no element is not
    public void A_body_that_is_not_a_feed_gives_a_reason(string body)
    {
        var e = Assert.Throws<FeedFormatException>(() => Parse(body));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void The_content_type_overload_reads_the_charset()
    {
        var body = Encoding.Latin1.GetBytes("<rss version=\"2.0\"><channel><title>Café</title></channel></rss>");
        Assert.Equal("Café", FeedParser.Parse(body, "application/rss+xml; charset=\"ISO-8859-1\"").Title);
    }

    [Fact]
    public void FeedBurner_items_link_to_the_article_not_the_redirector()
    {
        var item = Assert.Single(Parse("""
            <rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel><title>T</title>
            <item><title>I</title><link>http://feedproxy.google.com/~r/x/~3/abc/</link><feedburner:origLink>https://news.example/story</feedburner:origLink></item>
            </channel></rss>
            """.Trim()).Items);
        Assert.Equal("https://news.example/story", item.Link);
    }

    [Fact]
    public void RSS_written_by_SyndicationFeed_links_through_atom_link()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom"><channel><title>T</title><a10:link href="https://site.example/" />
            <item><title>I</title><a10:link href="https://site.example/5" /></item></channel></rss>
            """.Trim());
        Assert.Equal("https://site.example/", feed.Link);
        Assert.Equal("https://site.example/5", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void Content_encoded_is_read_raw_so_escaped_code_stays_text()
    {
        var item = Assert.Single(Parse("""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
            <item><title>I</title><content:encoded><![CDATA[<p>Use &lt;html&gt; here</p>]]></content:encoded></item></channel></rss>
            """.Trim()).Items);
        Assert.Equal("<p>Use &lt;html&gt; here</p>", item.Summary);
        Assert.Equal("Use <html> here", HtmlText.ToPlainText(item.Summary));
    }

    [Fact]
    public void Atom_text_constructs_come_out_as_HTML()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A &lt; B &amp; C</title>
            <entry><id>urn:1</id><title type="html">&lt;i&gt;Baku&lt;/i&gt; talks</title>
            <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Talks <b>resumed</b></div></summary></entry></feed>
            """.Trim());
        Assert.Equal("A &lt; B &amp; C", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Baku talks", HtmlText.ToPlainText(item.Title));
        Assert.Equal("Talks resumed", HtmlText.ToPlainText(item.Summary));
        Assert.Equal("A < B & C", HtmlText.ToPlainText(feed.Title));
    }

    [Fact]
    public void Atom_0_3_and_xml_base_are_understood()
    {
        var item = Assert.Single(Parse("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:base="https://blog.example/posts/"><title>T</title>
            <entry><title>E</title><id>tag:x</id><link rel="alternate" href="2024/hello"/><issued>2004-01-01T19:48:21Z</issued></entry></feed>
            """.Trim()).Items);
        Assert.Equal("https://blog.example/posts/2024/hello", item.Link);
        Assert.Equal(new DateTimeOffset(2004, 1, 1, 19, 48, 21, TimeSpan.Zero), FeedDates.Parse(item.Date));
    }

    [Fact]
    public void Dublin_Core_fills_missing_RSS_fields()
    {
        var feed = Parse("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><dc:title>Channel</dc:title>
            <item><dc:title>Item</dc:title><dc:description>About it</dc:description><dc:date>2003-12-31T10:14:55Z</dc:date></item></channel></rss>
            """.Trim());
        Assert.Equal("Channel", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal(("Item", "About it", "2003-12-31T10:14:55Z"), (item.Title, item.Summary, item.Date));
    }
}
