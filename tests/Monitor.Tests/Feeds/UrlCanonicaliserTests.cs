using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds;

public class UrlCanonicaliserTests
{
    [Theory]
    [InlineData("HTTPS://News.Example.COM/Story", "https://news.example.com/Story")] // the path keeps its case
    [InlineData("https://news.example:443/a", "https://news.example/a")]
    [InlineData("http://news.example:80/a", "http://news.example/a")]
    [InlineData("https://news.example:8443/a", "https://news.example:8443/a")]
    [InlineData("https://news.example/a#comments", "https://news.example/a")]
    [InlineData("https://news.example./a", "https://news.example/a")]
    [InlineData("https://user:secret@news.example/a", "https://news.example/a")]
    [InlineData("https://news.example/a?utm_source=rss&utm_medium=feed&UTM_Campaign=x", "https://news.example/a")]
    [InlineData("https://news.example/a?id=5&fbclid=abc&gclid=def&msclkid=g", "https://news.example/a?id=5")]
    [InlineData("https://news.example/a?b=2&a=1&mc_cid=1&mc_eid=2", "https://news.example/a?b=2&a=1")] // order kept
    [InlineData("https://www.bbc.example/news/x?at_medium=RSS&at_campaign=KARANGA&ns_source=y", "https://www.bbc.example/news/x")]
    [InlineData("https://news.example/a;jsessionid=0A1B2C?p=1", "https://news.example/a?p=1")]
    [InlineData("https://news.example/a?", "https://news.example/a")]
    [InlineData("https://news.example/x/../a/./b", "https://news.example/a/b")]
    [InlineData("  https://news.example/a  ", "https://news.example/a")]
    [InlineData("http://www.詹姆斯.com/feed", "http://www.xn--8ws00zhy3a.com/feed")] // one spelling for an IDN host
    public void Canonical_forms(string url, string expected) => Assert.Equal(expected, UrlCanonicaliser.Canonicalise(url));

    [Theory]
    [InlineData("/2024/story?utm_source=x", "https://feeds.example/2024/story")]
    [InlineData("story", "https://feeds.example/rss/story")]
    [InlineData("//cdn.example/a", "https://cdn.example/a")]
    public void Relative_links_resolve_against_the_feed(string url, string expected) =>
        Assert.Equal(expected, UrlCanonicaliser.Canonicalise(url, "https://feeds.example/rss/"));

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:editor@news.example")]
    [InlineData("ftp://news.example/a")]
    [InlineData("tag:example.com,2006:/blog/")]
    [InlineData("/relative/without/base")]
    public void What_is_not_a_web_URL_has_no_canonical_form(string? url) => Assert.Null(UrlCanonicaliser.Canonicalise(url));

    [Fact]
    public void Two_spellings_of_one_article_agree()
    {
        Assert.Equal(
            UrlCanonicaliser.Canonicalise("HTTPS://NEWS.EXAMPLE:443/a?utm_source=twitter#top"),
            UrlCanonicaliser.Canonicalise("https://news.example/a?fbclid=XYZ"));
    }
}
