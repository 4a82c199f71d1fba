using Monitor.Core.Feeds.Subscriptions;

namespace Monitor.Tests.Feeds.Subscriptions;

public class FeedDiscoveryTests
{
    private static readonly Uri Page = new("https://news.example/world/story.html");

    [Fact]
    public void Finds_rss_atom_and_json_feed_links_and_resolves_relative_hrefs()
    {
        var feeds = FeedDiscovery.Discover("""
            <!doctype html><html><head>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="News &amp; views" href="/feed/">
            <LINK REL='alternate' TYPE='application/atom+xml' HREF='atom.xml' TITLE='Atom'>
            <link href=https://cdn.example/feed.json type="application/feed+json" rel="alternate"/>
            <link rel="alternate" type="application/json" href="//api.example/v1/feed">
            <link rel="alternate" hreflang="fr" href="/fr/">
            </head><body></body></html>
            """, Page);
        Assert.Equal(
            ["https://news.example/feed/", "https://news.example/world/atom.xml", "https://cdn.example/feed.json", "https://api.example/v1/feed"],
            feeds.Select(f => f.Url));
        Assert.Equal("News & views", feeds[0].Title);
        Assert.Equal("Atom", feeds[1].Title);
        Assert.Null(feeds[2].Title);
    }

    [Fact]
    public void Rel_may_hold_several_tokens_and_type_parameters()
    {
        var feeds = FeedDiscovery.Discover("""<link rel="home alternate" type="application/rss+xml; charset=utf-8" href="/rss">""", Page);
        Assert.Equal("https://news.example/rss", Assert.Single(feeds).Url);
    }

    [Fact]
    public void Base_href_wins_over_the_page_url()
    {
        var feeds = FeedDiscovery.Discover("""<base href="https://static.example/site/"><link rel=alternate type=application/atom+xml href="feed.atom">""", Page);
        Assert.Equal("https://static.example/site/feed.atom", Assert.Single(feeds).Url);
    }

    [Fact]
    public void Ignores_commented_out_links_other_types_schemes_and_duplicates()
    {
        var feeds = FeedDiscovery.Discover("""
            <!-- <link rel="alternate" type="application/rss+xml" href="/old-feed"> -->
            <link rel="alternate" type="text/html" href="/print">
            <link rel="alternate" type="application/rss+xml" href="ftp://files.example/feed">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            <link rel="alternate" type="application/rss+xml" href="">
            <link rel="alternate" type="application/rss+xml" href="/feed">
            <link rel="alternate" type="application/rss+xml" href="https://news.example/feed">
            """, Page);
        Assert.Equal("https://news.example/feed", Assert.Single(feeds).Url);
    }

    [Fact]
    public void A_page_without_feed_links_gives_none()
    {
        Assert.Empty(FeedDiscovery.Discover("<html><head><title>No feeds</title></head><body><a href='/feed'>feed</a></body></html>", Page));
    }

    [Theory]
    [InlineData("text/html; charset=utf-8", "<p>hi</p>", true)]
    [InlineData(null, "  <!DOCTYPE html><html>", true)]
    [InlineData("application/octet-stream", "<html lang=en>", true)]
    [InlineData("application/xml", "<?xml version=\"1.0\"?><foo/>", false)]
    [InlineData("text/plain", "hello", false)]
    public void Tells_html_pages_from_other_bodies(string? contentType, string body, bool html)
    {
        Assert.Equal(html, FeedDiscovery.LooksLikeHtml(contentType, body));
    }
}
