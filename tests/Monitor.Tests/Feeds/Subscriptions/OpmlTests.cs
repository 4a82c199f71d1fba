using Monitor.Core;
using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds.Subscriptions;

public class OpmlTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Export_then_parse_round_trips_urls_and_titles()
    {
        FeedSource[] feeds =
        [
            new("https://a.example/rss?x=1&y=2", "A & B <news>"),
            new("https://b.example/atom"),
            new("https://c.example/feed.json", "Ünïcödé 📰"),
        ];
        var opml = FeedList.ToOpml(feeds, "Mine", Created);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", opml);
        Assert.Contains("<opml version=\"2.0\">", opml);
        Assert.Contains("<dateCreated>Thu, 26 Nov 2026 10:00:00 GMT</dateCreated>", opml);
        Assert.Equal(feeds, FeedList.ParseOpml(opml, "export.opml"));
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_dropped_from_titles()
    {
        var opml = FeedList.ToOpml([new FeedSource("https://a.example/rss", "Bell\u0007 title")], "t", Created);
        Assert.Equal("Bell title", FeedList.ParseOpml(opml, "x").Single().Title);
    }

    [Fact]
    public void The_shipped_defaults_round_trip()
    {
        var defaults = FeedList.Defaults();
        Assert.Equal(defaults, FeedList.ParseOpml(FeedList.ToOpml(defaults, "defaults", Created), "x"));
    }

    [Fact]
    public void Malformed_opml_is_an_input_error_naming_the_line()
    {
        var e = Assert.Throws<MonitorInputException>(() => FeedList.ParseOpml(
            "<opml version=\"2.0\">\n<body>\n<outline xmlUrl=\"https://a.example/rss\">\n</body></opml>", "bad.opml"));
        Assert.StartsWith("bad.opml:4: not readable OPML:", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Xml_that_is_not_opml_is_an_input_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>");
            var e = Assert.Throws<MonitorInputException>(() => FeedList.ReadFile(path));
            Assert.Contains("not an OPML document", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void An_outline_with_a_bad_url_names_its_line()
    {
        var e = Assert.Throws<MonitorInputException>(() => FeedList.ParseOpml(
            "<opml version=\"2.0\"><body>\n<outline text=\"ok\" xmlUrl=\"https://a.example/rss\"/>\n<outline text=\"x\" xmlUrl=\"file:///etc/passwd\"/>\n</body></opml>", "f.opml"));
        Assert.StartsWith("f.opml:3: 'file:///etc/passwd' is not an http or https URL", e.Message);
    }
}
