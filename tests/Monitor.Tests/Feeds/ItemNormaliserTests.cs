using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds;

public class ItemNormaliserTests
{
    private static readonly FeedSource Feed = new("https://feeds.example/world.xml");
    private static readonly DateTimeOffset Now = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static FeedItem Normalise(ParsedItem raw) => ItemNormaliser.Normalise(raw, Feed, "World", Now)!;

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1500-05-01T00:00:00Z")]
    [InlineData("1600-12-31T23:59:59Z")]
    [InlineData("2999-01-01T00:00:00Z")]
    [InlineData("Sat, 01 Jan 2050 00:00:00 GMT")]
    public void Dates_Azure_cannot_store_or_absurdly_far_ahead_are_treated_as_missing(string date)
    {
        var item = Normalise(new ParsedItem(null, "https://news.example/a", "T", "S", date, null));
        Assert.False(item.HasPublishedDate);
        Assert.Equal(Now, item.Published);
    }

    [Fact]
    public void A_link_longer_than_the_cap_is_treated_as_missing_and_a_date_within_range_is_kept()
    {
        var item = Normalise(new ParsedItem(null, "https://news.example/" + new string('a', 40_000), "T", "S", "1601-01-02T00:00:00Z", null));
        Assert.Equal("", item.Url);
        Assert.True(item.HasPublishedDate);
    }

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

    private static IReadOnlyList<FeedItem> NormaliseFeed(params ParsedItem[] items) =>
        ItemNormaliser.Normalise(new ParsedFeed("World", null, items), Feed, Now);

    [Fact]
    public void Different_items_sharing_a_guid_are_all_kept_with_distinct_ids()
    {
        var items = NormaliseFeed(
            new ParsedItem("42", "https://news.example/a", "Talks in Baku", "s", null, null),
            new ParsedItem("42", "https://news.example/b", "Talks in Yerevan", "s", null, null),
            new ParsedItem("42", "https://news.example/b", "Another story on b", "s", null, null));
        Assert.Equal(3, items.Count);
        Assert.Equal(3, items.Select(i => i.Id).Distinct().Count());
        Assert.All(items, i => Assert.Equal(32, i.Id.Length));
        Assert.Equal(["Talks in Baku", "Talks in Yerevan", "Another story on b"], items.Select(i => i.Title)); // feed order kept
    }

    [Fact]
    public void Ids_of_items_sharing_a_guid_do_not_depend_on_feed_order()
    {
        ParsedItem a = new("42", "https://news.example/a", "A", "s", null, null), b = new("42", "https://news.example/b", "B", "s", null, null);
        var forward = NormaliseFeed(a, b).ToDictionary(i => i.Title, i => i.Id);
        var backward = NormaliseFeed(b, a).ToDictionary(i => i.Title, i => i.Id);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Identical_repeats_of_an_item_stay_one_item()
    {
        var once = NormaliseFeed(new ParsedItem("42", "https://news.example/a", "A", "s", null, null));
        var twice = NormaliseFeed(
            new ParsedItem("42", "https://news.example/a", "A", "s", null, null),
            new ParsedItem("42", "https://news.example/a?utm_source=rss", "A", "other summary", null, null));
        Assert.Equal(once.Single().Id, Assert.Single(twice).Id);
    }

    [Fact]
    public void Items_with_their_own_guids_keep_their_usual_ids()
    {
        var raw = new ParsedItem("7", "https://news.example/a", "A", "s", null, null);
        var items = NormaliseFeed(raw, new ParsedItem("8", "https://news.example/a", "A2", "s", null, null));
        Assert.Equal(Normalise(raw).Id, items[0].Id);
        Assert.Equal(2, items.Count);
    }
}
