using System.Net;
using System.Net.Sockets;
using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>Redirects are followed by hand: counted, resolved, and every hop checked again.</summary>
public sealed class FetcherRedirectTests(FaultServer server) : IClassFixture<FaultServer>
{
    [Fact]
    public async Task Five_relative_redirects_are_followed()
    {
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(server.Url("/chain/5"), null, null);

        Assert.Equal((FetchStatus.Ok, null), (result.Status, result.Error));
        Assert.Equal(FaultBodies.Feed, result.Body);
        Assert.Equal(FaultRoutes.ETag, result.ETag);
    }

    [Fact]
    public async Task A_sixth_redirect_is_too_many()
    {
        using var fetcher = Fetchers.Create();
        var reachedEnd = server.RequestsTo("/chain/0");
        var result = await fetcher.FetchAsync(server.Url("/chain/6"), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("too many redirects (more than 5)", result.Error);
        Assert.Equal(302, result.HttpStatus);
        Assert.Equal(reachedEnd, server.RequestsTo("/chain/0"));
    }

    [Fact]
    public async Task A_redirect_loop_ends_as_too_many_redirects()
    {
        using var fetcher = Fetchers.Create(o => o.MaxRedirects = 3);
        var before = server.RequestsTo("/loop/");
        var result = await fetcher.FetchAsync(server.Url("/loop/a"), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("too many redirects (more than 3)", result.Error);
        Assert.Equal(4, server.RequestsTo("/loop/") - before);
        await fetcher.AssertStillWorksAsync(server);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Every_redirect_status_is_followed_and_the_validators_go_along(int status)
    {
        using var fetcher = Fetchers.Create();
        var url = server.Url($"/to?status={status}&url=" + Uri.EscapeDataString(server.Url("/conditional")));
        var result = await fetcher.FetchAsync(url, FaultRoutes.ETag, null);

        Assert.Equal(FetchStatus.NotModified, result.Status);
        Assert.Equal(FaultRoutes.ETag, server.LastRequest("/conditional")["If-None-Match"]);
    }

    [Theory]
    [InlineData("/no-location", "HTTP 302 redirect without a usable Location header")]
    [InlineData("/to?url=ftp%3A%2F%2Fexample.com%2Ffeed", "HTTP 302 redirect to a non-http(s) URL refused: ftp://example.com/feed")]
    [InlineData("/to?url=file%3A%2F%2F%2Fetc%2Fpasswd", "HTTP 302 redirect to a non-http(s) URL refused: file:///etc/passwd")]
    public async Task A_redirect_to_nowhere_usable_fails_with_the_reason(string path, string reason)
    {
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(server.Url(path), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(reason, result.Error);
        Assert.Equal(302, result.HttpStatus);
    }

    [Fact]
    public async Task A_redirect_to_the_cloud_metadata_address_is_refused_before_connecting()
    {
        // Hop 1 is allowed (exactly this server's endpoint); hop 2 meets the real policy.
        using var fetcher = Fetchers.Create(o => o.AllowPrivateNetworks = false, isAllowed: OnlyThisServerOrPublic);
        var result = await fetcher.FetchAsync(server.Url("/to?url=" + Uri.EscapeDataString("http://169.254.169.254/latest/meta-data/")), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("refused redirect to http://169.254.169.254/latest/meta-data/: 169.254.169.254 resolves to a private, loopback or "
            + "link-local address (169.254.169.254 link-local (169.254.0.0/16, cloud metadata)); set MONITOR_ALLOW_PRIVATE_NETWORKS=true for local feeds",
            result.Error);
        await fetcher.AssertStillWorksAsync(server);
    }

    [Fact]
    public async Task A_redirect_to_another_loopback_port_is_refused_and_never_connected()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var target = $"http://127.0.0.1:{((IPEndPoint)other.LocalEndpoint).Port}/admin";
        using var fetcher = Fetchers.Create(o => o.AllowPrivateNetworks = false, isAllowed: OnlyThisServerOrPublic);
        var result = await fetcher.FetchAsync(server.Url("/to?url=" + Uri.EscapeDataString(target)), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith($"refused redirect to {target}: 127.0.0.1 resolves to a private, loopback or link-local address (127.0.0.1 loopback)", result.Error);
        Assert.EndsWith("set MONITOR_ALLOW_PRIVATE_NETWORKS=true for local feeds", result.Error);
        Assert.False(other.Pending(), "the refused address was connected to");
    }

    [Fact]
    public async Task With_private_networks_allowed_a_redirect_to_another_local_server_is_followed()
    {
        var other = new FaultServer();
        await other.InitializeAsync();
        try
        {
            using var fetcher = Fetchers.Create();
            var result = await fetcher.FetchAsync(server.Url("/to?url=" + Uri.EscapeDataString(other.Url("/feed"))), null, null);

            Assert.Equal((FetchStatus.Ok, null), (result.Status, result.Error));
            Assert.Equal(1, other.RequestsTo("/feed"));
        }
        finally
        {
            await other.DisposeAsync();
        }
    }

    private bool OnlyThisServerOrPublic(IPEndPoint endpoint) => endpoint.Equals(server.EndPoint) || NetworkPolicy.IsPublic(endpoint.Address);
}
