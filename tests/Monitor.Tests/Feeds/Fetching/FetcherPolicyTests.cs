using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Fetching;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>
/// The policy switched on, as in production. The test server is on loopback, so only refusals can be tested
/// here: each must come before any connection (the private targets below would otherwise hang or connect).
/// </summary>
public sealed class FetcherPolicyTests(FaultServer server) : IClassFixture<FaultServer>
{
    [Theory]
    [InlineData("http://127.0.0.1:{port}/feed", "127.0.0.1 loopback")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/feed", "IPv4-mapped 127.0.0.1: loopback")]
    [InlineData("http://localhost:{port}/feed", "loopback")]
    [InlineData("http://[::1]:{port}/feed", "::1 loopback (::1)")]
    [InlineData("http://0.0.0.0:{port}/feed", "0.0.0.0 unspecified (0.0.0.0/8)")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 link-local (169.254.0.0/16, cloud metadata)")]
    [InlineData("http://10.0.0.1/feed", "10.0.0.1 private (10.0.0.0/8)")]
    [InlineData("http://100.64.0.1/feed", "100.64.0.1 carrier-grade NAT (100.64.0.0/10)")]
    [InlineData("http://[fd00::1]/feed", "fd00::1 unique-local (fc00::/7)")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/feed", "NAT64 169.254.169.254: link-local")]
    public async Task Private_targets_are_refused_with_the_reason_and_the_setting(string template, string what)
    {
        using var fetcher = Fetchers.Create(o => o.AllowPrivateNetworks = false);
        var before = server.Seen.Count;
        var result = await fetcher.FetchAsync(template.Replace("{port}", server.EndPoint.Port.ToString()), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith("refused: ", result.Error);
        Assert.Contains(" resolves to a private, loopback or link-local address (", result.Error);
        Assert.Contains(what, result.Error);
        Assert.EndsWith("; set MONITOR_ALLOW_PRIVATE_NETWORKS=true for local feeds", result.Error);
        Assert.Null(result.HttpStatus);
        Assert.Equal(before, server.Seen.Count);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/feed.xml")]
    [InlineData("gopher://example.com/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/feed.xml")]
    [InlineData("not a url")]
    public async Task Only_http_and_https_are_fetched(string url)
    {
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(url, null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("not an http or https URL", result.Error);
    }

    [Fact]
    public async Task The_public_constructor_follows_AllowPrivateNetworks()
    {
        var url = server.Url("/feed");
        using (var refusing = new FeedFetcher(Microsoft.Extensions.Options.Options.Create(Fetchers.Options(o => o.AllowPrivateNetworks = false))))
            Assert.StartsWith("refused: 127.0.0.1 resolves to a private", (await refusing.FetchAsync(url, null, null)).Error);
        using var allowing = new FeedFetcher(Microsoft.Extensions.Options.Options.Create(Fetchers.Options()));
        var allowed = await allowing.FetchAsync(url, null, null);
        Assert.Equal((FetchStatus.Ok, null), (allowed.Status, allowed.Error));
    }
}
