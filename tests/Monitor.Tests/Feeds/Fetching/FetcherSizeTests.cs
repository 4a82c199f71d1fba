using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>Bodies too large before or after decompression, and bodies that break off.</summary>
public sealed class FetcherSizeTests(FaultServer server) : IClassFixture<FaultServer>
{
    private const string TooLarge = "body larger than 1,048,576 bytes (counted after decompression)";

    [Theory]
    [InlineData("/big?chunked=false")] // declared 100 MB: refused from the headers
    [InlineData("/big?chunked=true")]  // undeclared: cut after the first MB
    [InlineData("/gzip-bomb")]         // 10 KB on the wire, 10 MB decoded
    [InlineData("/gzip-bomb-endless")] // 1 MB on the wire, 1 GB decoded
    // Each route pauses 10 s past the limit (see FaultRoutes): reading on would end as "timed out", not as this reason.
    public async Task A_body_over_MaxBodyBytes_is_cut_without_reading_it_all(string path)
    {
        using var fetcher = Fetchers.Create(o => o.Timeout = TimeSpan.FromSeconds(5));
        var result = await fetcher.FetchAsync(server.Url(path), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(TooLarge, result.Error);
        Assert.Equal(200, result.HttpStatus);
        Assert.Empty(result.Body);
        await fetcher.AssertStillWorksAsync(server);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_accepted()
    {
        using var fetcher = Fetchers.Create(o => o.MaxBodyBytes = FaultBodies.Feed.Length);
        var result = await fetcher.FetchAsync(server.Url("/compressed/gzip"), null, null);
        Assert.Equal((FetchStatus.Ok, null), (result.Status, result.Error));

        using var smaller = Fetchers.Create(o => o.MaxBodyBytes = FaultBodies.Feed.Length - 1);
        var cut = await smaller.FetchAsync(server.Url("/compressed/gzip"), null, null);
        Assert.Equal(FetchStatus.Failed, cut.Status);
        Assert.StartsWith($"body larger than {FaultBodies.Feed.Length - 1:N0} bytes", cut.Error);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 1000\r\n\r\n<rss><channel>", "connection closed before the body was complete")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<rss>\r\n", "connection closed before the body was complete")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\nnot gzip!!!!", "body could not be decompressed: ")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Ty", "connection closed before the response headers were complete")]
    [InlineData("", "connection closed before the response headers were complete")]
    [InlineData("SSH-2.0-OpenSSH_9.6\r\n\r\n", "invalid HTTP response: ")]
    public async Task A_response_that_breaks_off_or_is_not_http_fails_with_the_reason(string raw, string reason)
    {
        using var broken = new RawServer(raw);
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(broken.Url("/feed"), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith(reason, result.Error);
        Assert.DoesNotContain("\n", result.Error);
        await fetcher.AssertStillWorksAsync(server);
    }
}
