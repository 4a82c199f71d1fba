using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds;

/// <summary>Parsing never reads files or the network on a feed's behalf, and entity bombs fail fast.</summary>
public class FeedSecurityTests
{
    private static string Rss(string title) => $"<rss version=\"2.0\"><channel><title>{title}</title><item><title>i</title></item></channel></rss>";

    [Fact]
    public void An_external_file_entity_is_not_resolved()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"monitor-secret-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            var uri = new Uri(secret).AbsoluteUri;
            var feed = FeedParser.Parse(Encoding.UTF8.GetBytes($"<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"{uri}\">]>" + Rss("before &xxe; after")));
            Assert.DoesNotContain("TOP-SECRET", feed.Title);
            Assert.Equal("before  after", feed.Title);
            Assert.Contains(feed.Repairs, r => r.Contains("external entity", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task External_entities_and_DTDs_are_never_requested()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        var body = $"<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"{url}/rss.dtd\" [<!ENTITY % remote SYSTEM \"{url}/p.ent\"> %remote; <!ENTITY net SYSTEM \"{url}/e.txt\">]>" + Rss("x &net; y");

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal("x  y", feed.Title);
        await Task.Delay(200);
        Assert.False(listener.Pending(), "the parser connected to the entity's server");
    }

    [Fact]
    public void A_billion_laughs_fails_fast_with_a_reason()
    {
        var bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">");
        var previous = "lol";
        for (var level = 1; level <= 9; level++)
        {
            bomb.Append($"<!ENTITY lol{level} \"{string.Concat(Enumerable.Repeat($"&{previous};", 10))}\">");
            previous = $"lol{level}";
        }
        bomb.Append("]>").Append(Rss("&lol9;"));
        var clock = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var e = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(bomb.ToString())));

        Assert.Contains("entity expansion", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 256L * 1024 * 1024, "allocated more than 256 MB");
    }

    [Fact]
    public void One_large_entity_repeated_many_times_is_capped_too()
    {
        var big = new string('x', 100_000);
        var body = $"<!DOCTYPE rss [<!ENTITY big \"{big}\">]>" + Rss(string.Concat(Enumerable.Repeat("&big;", 50)));
        Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void A_recursive_entity_fails_with_a_reason()
    {
        var body = "<!DOCTYPE rss [<!ENTITY a \"x&b;\"><!ENTITY b \"y&a;\">]>" + Rss("&a;");
        var e = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void Deep_nesting_does_not_overflow_the_stack()
    {
        var body = "<rss version=\"2.0\"><channel><item><title>t</title><description>" + string.Concat(Enumerable.Repeat("<b>", 100_000)) + "x";
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(body));
        Assert.Single(feed.Items);
    }
}
