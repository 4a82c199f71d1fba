using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>Servers that never answer, answer too slowly, or cannot be reached.</summary>
public sealed class FetcherTimeoutTests(FaultServer server) : IClassFixture<FaultServer>
{
    [Fact]
    public async Task A_server_that_never_answers_is_cut_at_the_total_timeout()
    {
        using var fetcher = Fetchers.Create(o => o.Timeout = TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();
        var result = await fetcher.FetchAsync(server.Url("/hang"), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("timed out after 2 s", result.Error);
        Assert.Null(result.HttpStatus);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(5));
        await fetcher.AssertStillWorksAsync(server);
    }

    [Fact]
    public async Task A_body_dripping_one_byte_a_second_is_cut_at_the_total_timeout()
    {
        // Each byte comes well within any idle timeout; only a limit on the whole request stops this.
        using var fetcher = Fetchers.Create(o => o.Timeout = TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();
        var result = await fetcher.FetchAsync(server.Url("/drip"), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("timed out after 2 s", result.Error);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(5));
        await fetcher.AssertStillWorksAsync(server);
    }

    [Fact]
    public async Task The_callers_cancellation_throws_instead_of_failing_the_feed()
    {
        using var fetcher = Fetchers.Create(o => o.Timeout = TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.FetchAsync(server.Url("/hang"), null, null, cancel.Token));
        Assert.Equal(0, fetcher.TrackedHosts);
        await fetcher.AssertStillWorksAsync(server);
    }

    [Fact]
    public async Task A_server_whose_accept_queue_is_full_is_cut_at_the_connect_timeout()
    {
        // Linux drops SYNs to a listener whose backlog is full, so the next connect hangs like a black hole.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                _ = filler.ConnectAsync(IPAddress.Loopback, port).ContinueWith(t => t.Exception, TaskScheduler.Default);
            }
            await Task.Delay(200);

            using var fetcher = Fetchers.Create(o => o.ConnectTimeout = TimeSpan.FromSeconds(1));
            var clock = Stopwatch.StartNew();
            var result = await fetcher.FetchAsync($"http://127.0.0.1:{port}/feed", null, null);

            Assert.Equal(FetchStatus.Failed, result.Status);
            Assert.Equal("unreachable: no connection within 1 s", result.Error);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5)); // well before the 10 s total timeout
            await fetcher.AssertStillWorksAsync(server);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task A_closed_port_is_unreachable()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync($"http://127.0.0.1:{port}/feed", null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("unreachable: connection refused", result.Error);
        await fetcher.AssertStillWorksAsync(server);
    }
}
