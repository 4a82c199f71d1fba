using System.Net;
using System.Net.Sockets;
using Monitor.Cli;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Api;

/// <summary>`monitor serve` as a command: it starts, stops cleanly, and refuses addresses it cannot use with exit code 2.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServeCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Serve_listens_answers_and_stops_cleanly()
    {
        var served = await ServedMonitor.StartAsync(TestServices.Configuration(azurite, azurite.NewPrefix()));
        await using (served)
        {
            Assert.Equal("127.0.0.1", served.BaseAddress.Host);
            var articles = await ApiHarness.SendAsync(served.Client, HttpMethod.Get, "/api/articles");
            Assert.Equal(200, articles.Status);
            Assert.Equal(0, await served.StopAsync());
            Assert.Contains("Stopped.", served.Stdout);
        }
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5080")]
    [InlineData("https://127.0.0.1:5443")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("http://127.0.0.1:5080/api")]
    public async Task An_address_that_is_not_plain_http_exits_with_2(string url)
    {
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["serve", "--urls", url], TestServices.Configuration(azurite, azurite.NewPrefix()), new StringWriter(), stderr);
        Assert.Equal(CliApp.ExitInput, code);
        Assert.Contains("is not an http://host:port address", stderr.ToString());
    }

    [Fact]
    public async Task A_port_in_use_exits_with_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}"], TestServices.Configuration(azurite, azurite.NewPrefix()), new StringWriter(), stderr);
        Assert.Equal(CliApp.ExitInput, code);
        Assert.Contains($"cannot listen on http://127.0.0.1:{port}", stderr.ToString());
    }

    [Fact]
    public async Task A_public_address_is_served_with_a_warning()
    {
        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        stop.Cancel(); // parse and warn, then stop at once
        await CliApp.RunAsync(["serve", "--urls", "http://0.0.0.0:0"], TestServices.Configuration(azurite, azurite.NewPrefix()), new StringWriter(), stderr, stop.Token);
        Assert.Contains("warning: http://0.0.0.0:0 is not a loopback address", stderr.ToString());
    }
}
