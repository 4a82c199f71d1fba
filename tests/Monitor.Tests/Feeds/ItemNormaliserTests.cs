using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds;

public class ItemNormaliserTests
{
    private static readonly FeedSource Feed = new("https://feeds.example/world.xml");
    private static readonly DateTimeOffset Now = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static FeedItem Normalise(ParsedItem raw) => ItemNormaliser.Normalise(raw, Feed, "World", Now)!;

    [Fact]
    public void A_url_guid_gives_the_same_id_whatever_the_feed_and_tracking_parameters()
    {
        var a = ItemNormaliser.Normalise(new ParsedItem("https://News.example/a?utm_source=x", null, "T", "S", null, null), Feed, "W", Now)!;
        var b = ItemNormaliser.Normalise(new ParsedItem("https://news.example/a", null, "T2", "S2", null, null), new FeedSource("https://other.example/rss"), "O", Now)!;
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(32, a.Id.Length);
    }

    [Fact]
    public void A_non_url_guid_is_scoped_to_its_feed()
    {
        var raw = new ParsedItem("12345", "https://news.example/a", "T", "S", null, null);
        var here = ItemNormaliser.Normalise(raw, Feed, "W", Now)!;
        var there = ItemNormaliser.Normalise(raw, new FeedSource("https://other.example/rss"), "O", Now)!;
        Assert.NotEqual(here.Id, there.Id);
    }

    [Fact]
    public void Without_guid_the_canonical_link_is_the_id_and_without_both_the_text()
    {
        var byLink1 = Normalise(new ParsedItem(null, "https://news.example/a#top", "One", "x", null, null));
        var byLink2 = Normalise(new ParsedItem(null, "HTTPS://NEWS.EXAMPLE:443/a", "Two", "y", null, null));
        Assert.Equal(byLink1.Id, byLink2.Id);
        Assert.Equal("https://news.example/a", byLink1.Url);

        var byText1 = Normalise(new ParsedItem(null, null, "Same", "text", "2024-01-01T00:00:00Z", null));
        var byText2 = Normalise(new ParsedItem(null, null, "Same", "text", "2024-01-01T00:00:00Z", null));
        var other = Normalise(new ParsedItem(null, null, "Other", "text", "2024-01-01T00:00:00Z", null));
        Assert.Equal(byText1.Id, byText2.Id);
        Assert.NotEqual(byText1.Id, other.Id);
    }

    [Fact]
    public void Summary_is_plain_text_and_dates_are_utc()
    {
        var item = Normalise(new ParsedItem(null, "/relative/path", "<b>Baku</b> &amp; Yerevan",
            "<p>Talks <i>resumed</i>&nbsp;today.</p><script>alert(1)</script>", "Tue, 13 Sep 2022 04:00:00 +0400", "Wire"));
        Assert.Equal("Baku & Yerevan", item.Title);
        Assert.Equal("Talks resumed today.", item.Summary);
        Assert.Equal(new DateTimeOffset(2022, 9, 13, 0, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal(TimeSpan.Zero, item.Published.Offset);
        Assert.True(item.HasPublishedDate);
        Assert.Equal("https://feeds.example/relative/path", item.Url);
        Assert.Equal("Wire", item.Source);
    }

    [Fact]
    public void An_item_without_a_date_is_dated_when_first_seen_and_says_so()
    {
        var item = Normalise(new ParsedItem(null, "https://news.example/b", "T", "S", "not a date", null));
        Assert.Equal(Now, item.Published);
        Assert.False(item.HasPublishedDate);
        Assert.Equal("World", item.Source);
    }

    [Fact]
    public void An_item_with_neither_title_nor_summary_is_dropped()
    {
        Assert.Null(ItemNormaliser.Normalise(new ParsedItem("g", "https://news.example/c", " ", "<p></p>", null, null), Feed, "W", Now));
    }
}
