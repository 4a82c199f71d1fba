using Monitor.Core;
using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds;

public class FeedListTests
{
    [Fact]
    public void Lines_with_comments_and_duplicates()
    {
        var feeds = FeedList.ParseLines("# my feeds\nhttps://a.example/rss  # wire\n\nhttps://a.example/rss\nhttp://b.example/atom\n", "list.txt");
        Assert.Equal(["https://a.example/rss", "http://b.example/atom"], feeds.Select(f => f.Url));
    }

    [Fact]
    public void A_line_that_is_not_an_http_url_names_its_line()
    {
        var e = Assert.Throws<MonitorInputException>(() => FeedList.ParseLines("https://a.example/rss\nftp://x/y\n", "list.txt"));
        Assert.StartsWith("list.txt:2:", e.Message);
    }

    [Fact]
    public void A_missing_file_is_an_input_error()
    {
        var e = Assert.Throws<MonitorInputException>(() => FeedList.ReadFile("/nonexistent/feeds.txt"));
        Assert.Contains("/nonexistent/feeds.txt", e.Message);
    }

    [Fact]
    public void Opml_outlines_are_read_nested()
    {
        var feeds = FeedList.ParseOpml("""
            <opml version="2.0"><head><title>t</title></head><body>
              <outline text="Regional"><outline text="A" type="rss" xmlUrl="https://a.example/rss"/></outline>
              <outline text="B" type="rss" xmlUrl="https://b.example/feed?x=1&amp;y=2"/>
            </body></opml>
            """, "f.opml");
        Assert.Equal(["https://a.example/rss", "https://b.example/feed?x=1&y=2"], feeds.Select(f => f.Url));
        Assert.Equal("A", feeds[0].Title);
    }

    [Fact]
    public void The_default_feeds_are_real_public_https_feeds()
    {
        var feeds = FeedList.Defaults();
        Assert.InRange(feeds.Count, 10, 100);
        Assert.All(feeds, f => Assert.StartsWith("https://", f.Url));
        Assert.Equal(feeds.Count, feeds.Select(f => f.Url).Distinct().Count());
    }
}
