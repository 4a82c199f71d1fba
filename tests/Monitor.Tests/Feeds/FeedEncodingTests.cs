using System.Text;
using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds;

/// <summary>Which encoding a body is read with: HTTP charset, then BOM, then XML declaration, then the bytes.</summary>
public class FeedEncodingTests
{
    private const string Title = "Zürich – Ереван “quoted”";

    static FeedEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Rss(string declaration = "") =>
        declaration + $"<rss version=\"2.0\"><channel><title>{Title}</title><item><title>i</title><link>https://a.example/1</link></item></channel></rss>";

    private static byte[] Bytes(Encoding encoding, string text, bool bom) =>
        bom ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);

    [Theory]
    [InlineData("utf-16le", true, "")]
    [InlineData("utf-16be", true, "")]
    [InlineData("utf-16le", false, "<?xml version=\"1.0\" encoding=\"utf-16\"?>")]
    [InlineData("utf-16be", false, "<?xml version=\"1.0\" encoding=\"utf-16\"?>")]
    [InlineData("utf-16le", false, "")]
    [InlineData("utf-16be", false, "")]
    [InlineData("utf-32le", true, "")]
    [InlineData("utf-32be", true, "<?xml version=\"1.0\" encoding=\"UTF-32\"?>")]
    [InlineData("utf-32le", false, "")]
    [InlineData("utf-32be", false, "<?xml version='1.0' encoding='utf_32'?>")]
    [InlineData("utf-8", true, "")]
    public void Unicode_bodies_are_read_with_or_without_a_BOM(string encoding, bool bom, string declaration)
    {
        var feed = FeedParser.Parse(Bytes(Encoding.GetEncoding(encoding), Rss(declaration), bom));
        Assert.Equal(Title, feed.Title);
        Assert.Equal(encoding, feed.Encoding);
        Assert.Single(feed.Items);
    }

    [Fact]
    public void The_HTTP_charset_beats_the_XML_declaration()
    {
        var body = Encoding.GetEncoding(1251).GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Новости Еревана</title></channel></rss>");
        var feed = FeedParser.Parse(body, "text/xml; charset=windows-1251");
        Assert.Equal("Новости Еревана", feed.Title);
        Assert.Equal("windows-1251", feed.Encoding);
    }

    [Fact]
    public void The_XML_declaration_is_used_without_an_HTTP_charset()
    {
        var body = Encoding.GetEncoding(1251).GetBytes("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>Новости</title></channel></rss>");
        Assert.Equal("Новости", FeedParser.Parse(body, "application/rss+xml").Title);
        Assert.Equal("Новости", FeedParser.Parse(body).Title);
    }

    [Fact]
    public void ISO_8859_1_is_read_as_windows_1252_as_browsers_do()
    {
        // 0x93/0x94 are “ ” in windows-1252 and invisible C1 controls in ISO-8859-1.
        var body = Encoding.GetEncoding(1252).GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>“Café”</title></channel></rss>");
        var feed = FeedParser.Parse(body);
        Assert.Equal("“Café”", feed.Title);
        Assert.Equal("windows-1252", feed.Encoding);
        Assert.Equal("“Café”", FeedParser.Parse(body, "text/xml; charset=iso-8859-1").Title);
    }

    [Fact]
    public void A_latin_label_on_UTF_8_bytes_is_overruled_by_the_bytes()
    {
        var body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"><channel><title>Börse – Überblick</title></channel></rss>");
        var feed = FeedParser.Parse(body, "text/xml; charset=ISO-8859-1");
        Assert.Equal("Börse – Überblick", feed.Title);
        Assert.Equal("utf-8", feed.Encoding);
        Assert.Contains(feed.Repairs, r => r.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void Stray_windows_1252_bytes_in_UTF_8_are_read_as_windows_1252_and_the_rest_stays_UTF_8()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>Ереван "), 0x93, (byte)'x', 0x94,
                       .. Encoding.UTF8.GetBytes("</title></channel></rss>")];
        var feed = FeedParser.Parse(body);
        Assert.Equal("Ереван “x”", feed.Title);
        Assert.NotEmpty(feed.Repairs);
    }

    [Fact]
    public void A_byte_order_mark_wins_over_a_contradicting_header()
    {
        var body = Bytes(new UnicodeEncoding(false, true), Rss(), bom: true);
        var feed = FeedParser.Parse(body, "text/xml; charset=iso-8859-1");
        Assert.Equal(Title, feed.Title);
        Assert.Contains(feed.Repairs, r => r.Contains("HTTP charset", StringComparison.Ordinal));
    }

    [Fact]
    public void A_UTF_8_byte_order_mark_wins_over_a_legacy_label()
    {
        var body = Bytes(new UTF8Encoding(true), Rss("<?xml version=\"1.0\" encoding=\"windows-1252\"?>"), bom: true);
        var feed = FeedParser.Parse(body);
        Assert.Equal(Title, feed.Title);
        Assert.Equal("utf-8", feed.Encoding);
        Assert.NotEmpty(feed.Repairs);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"bogus\"?>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-16\"?>")] // says UTF-16, is UTF-8
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-7\"?>")] // never decoded as UTF-7
    public void A_declaration_that_cannot_be_right_is_ignored_and_reported(string declaration)
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Rss(declaration)));
        Assert.Equal(Title, feed.Title);
        Assert.Equal("utf-8", feed.Encoding);
        Assert.NotEmpty(feed.Repairs);
    }

    [Theory]
    [InlineData("gb2312", "北京新闻")] // read as GB18030, its superset
    [InlineData("euc-kr", "서울 뉴스")]
    [InlineData("shift_jis", "東京ニュース")]
    [InlineData("koi8-r", "Новости")]
    public void Legacy_Asian_and_Cyrillic_encodings_are_read(string label, string title)
    {
        var encoding = Encoding.GetEncoding(label);
        var body = encoding.GetBytes($"<?xml version=\"1.0\" encoding=\"{label}\"?><rss version=\"2.0\"><channel><title>{title}</title></channel></rss>");
        Assert.Equal(title, FeedParser.Parse(body).Title);
    }

    [Fact]
    public void A_well_labelled_body_needs_no_repair()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Rss("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")), "application/rss+xml; charset=utf-8");
        Assert.Empty(feed.Repairs);
        Assert.Equal(Title, feed.Title);
    }
}
