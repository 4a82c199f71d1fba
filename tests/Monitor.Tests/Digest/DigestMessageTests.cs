using Monitor.Core;
using Monitor.Core.Articles;
using Monitor.Core.Digest;
using Monitor.Core.Query;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digest;

/// <summary>The message built from a digest, without storage: headers that cannot be injected, links that cannot run script.</summary>
public class DigestMessageTests
{
    private static readonly TimeZoneInfo Yerevan = DigestSchedule.FindZone("Asia/Yerevan");

    private static DailyDigest Digest(Article article, string title, string url, string topicId)
    {
        var published = TestFeeds.Date("2024-03-11T10:00:00Z");
        var entry = new CoverageEntry("0123456789abcdef0123456789abcdef", url, title, "summary", "Wire\nX-Injected: yes", published,
            [topicId], [], 0.8, ["term"], "a sentence");
        var links = new StoredLinks([new StoredLink(topicId, 0.8, ["term"], "a sentence")], []);
        var period = new DigestPeriod(new DateOnly(2024, 3, 12), published.AddHours(-12), published.AddHours(12));
        return DigestComposer.Compose(new Recipient("ana@example.org"), article, period, Yerevan, new FeedCheck(3, 4, []),
            new NewCoverage([entry], new Dictionary<string, StoredLinks> { [entry.ItemId] = links }));
    }

    [Fact]
    public void Nothing_from_a_claims_file_or_a_feed_can_add_a_header()
    {
        var seed = ArticleCatalog.LoadSeed();
        var hostileTopic = seed.Topics[0] with { Name = "Border clashes\r\nBcc: eve@example.org\r\n\r\n<b>body</b>" };
        var article = new Article
        {
            Id = seed.Id, Title = seed.Title, Published = seed.Published, Url = seed.Url,
            Topics = [hostileTopic, .. seed.Topics.Skip(1)], Claims = seed.Claims,
        };
        var message = DigestMessage.Build(Digest(article, "Title\r\nSubject: second", "https://a.example/x", hostileTopic.Id), "monitor@example.org", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("\r", message.Subject);
        Assert.DoesNotContain("\n", message.Subject);
        Assert.Contains("most on Border clashes Bcc: eve@example.org <b>body</b>", message.Subject);
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        var raw = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n");
        var headers = raw[..raw.IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.DoesNotMatch("(?m)^(Bcc|X-Injected):", headers);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(headers, "(?m)^Subject:"));
        Assert.Empty(message.Bcc);
        Assert.Equal(["ana@example.org"], message.To.Mailboxes.Select(m => m.Address));
    }

    [Fact]
    public void A_sender_that_is_not_an_address_is_an_input_error() =>
        Assert.Contains("Digest:From", Assert.Throws<MonitorInputException>(() =>
            DigestMessage.Build(Digest(ArticleCatalog.LoadSeed(), "t", "https://a.example/", "border-clashes"), "nobody", DateTimeOffset.UnixEpoch)).Message);

    [Theory]
    [InlineData("https://a.example/x?q=1&r=2", "https://a.example/x?q=1&r=2")]
    [InlineData("  http://a.example/  ", "http://a.example/")]
    [InlineData("https://a.example/\"onmouseover=\"alert(1)", "https://a.example/%22onmouseover=%22alert(1)")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("JavaScript:alert(1)", null)]
    [InlineData(" javascript:alert(1)", null)]
    [InlineData("vbscript:msgbox", null)]
    [InlineData("data:text/html,<script>alert(1)</script>", null)]
    [InlineData("//evil.example/", null)]
    [InlineData("/relative", null)]
    [InlineData("ftp://a.example/", null)]
    [InlineData("http://user:secret@a.example/", null)]
    [InlineData("", null)]
    public void Only_absolute_web_links_are_kept(string url, string? expected) => Assert.Equal(expected, SafeText.Link(url));

    [Fact]
    public void Text_bound_for_html_or_headers_is_encoded_and_single_line()
    {
        Assert.Equal("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more", SafeText.Html("<script>alert(\"x\")</script>\r\n& more"));
        Assert.Equal("a b c", SafeText.Header("a\r\nb\u2028\tc\0"));
        Assert.Equal(20, SafeText.Header(new string('x', 50), 20).Length);
    }

    [Fact]
    public void Both_parts_carry_the_same_stories_and_a_hostile_link_is_dropped_from_both()
    {
        var message = DigestMessage.Build(Digest(ArticleCatalog.LoadSeed(), "<i>Hostile</i>", "javascript:alert(1)", "border-clashes"), "monitor@example.org", DateTimeOffset.UnixEpoch);
        Assert.Contains("<i>Hostile</i>", message.TextBody);
        Assert.Contains("&lt;i&gt;Hostile&lt;/i&gt;", message.HtmlBody);
        Assert.DoesNotContain("javascript", message.TextBody + message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("X-Injected: yes\n", message.TextBody);
        Assert.Contains("Wire X-Injected: yes", message.TextBody);
    }
}
