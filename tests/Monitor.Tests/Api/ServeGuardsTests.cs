using Monitor.Api.Http;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Api;

/// <summary>`monitor serve` without keys: DNS rebinding refused by the Host check; oversized requests and HEAD answered properly.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServeGuardsTests(AzuriteFixture azurite, StoryFixture story) : IClassFixture<StoryFixture>
{
    private async Task<HttpClient> ClientAsync() => (await story.ServeAsync(azurite)).Client;

    private static async Task<ApiResponse> SendAsync(HttpClient client, HttpMethod method, string path, string host, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return new ApiResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            new Dictionary<string, string>(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_rebound_host_name_can_neither_read_nor_change_anything()
    {
        var client = await ClientAsync();
        var url = $"https://feeds.example/{Guid.NewGuid():N}.xml";
        const string attacker = "rebind.attacker.example";
        (await SendAsync(client, HttpMethod.Post, "/api/feeds", attacker, $"{{\"url\": \"{url}\", \"check\": false}}")).AssertProblem(421, "unknown-host");
        (await SendAsync(client, HttpMethod.Get, "/api/feeds", attacker)).AssertProblem(421, "unknown-host");
        (await SendAsync(client, HttpMethod.Get, "/", attacker + ":5080")).AssertProblem(421, "unknown-host");
        (await SendAsync(client, HttpMethod.Delete, "/api/feeds/" + new string('0', 32), attacker)).AssertProblem(421, "unknown-host");
        var feeds = await SendAsync(client, HttpMethod.Get, "/api/feeds", client.BaseAddress!.Authority);
        Assert.DoesNotContain(url, feeds.Body);

        var port = client.BaseAddress.Port;
        Assert.Equal(200, (await SendAsync(client, HttpMethod.Get, "/api/articles", $"localhost:{port}")).Status);
        Assert.Equal(200, (await SendAsync(client, HttpMethod.Get, "/api/articles", $"127.0.0.1:{port}")).Status);
        Assert.Equal(200, (await SendAsync(client, HttpMethod.Get, "/api/articles", $"[::1]:{port}")).Status);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST:80", true)]
    [InlineData("monitor.lan:5080", true)]
    [InlineData("10.1.2.3:5080", true)]
    [InlineData("[::1]:5080", true)]
    [InlineData("monitor.lan.attacker.example", false)]
    [InlineData("localhost.attacker.example", false)]
    [InlineData("attacker.example", false)]
    public void Only_the_bound_names_localhost_and_IP_literals_are_accepted(string host, bool allowed)
    {
        var hosts = ServeGuards.AllowedHosts(["http://monitor.lan:5080", "http://127.0.0.1:5080"]);
        Assert.Equal(allowed, ServeGuards.IsAllowed(host, hosts));
    }

    [Fact]
    public async Task Oversized_targets_and_headers_get_a_problem_body_and_HEAD_is_a_GET_without_body()
    {
        var client = await ClientAsync();
        var longQuery = await ApiHarness.SendAsync(client, HttpMethod.Get, "/api/topics?x=" + new string('a', 10_000));
        longQuery.AssertProblem(414, "uri-too-long");
        var bigHeaders = await ApiHarness.SendAsync(client, HttpMethod.Get, "/api/topics",
            headers: new Dictionary<string, string> { ["X-Big"] = new string('b', 40_000) });
        bigHeaders.AssertProblem(431, "headers-too-large");

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/articles"));
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
