using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (free port) serving the misbehaviours a feed fetcher meets: see
/// <see cref="FaultRoutes"/>. It records each request's headers and how many requests were in flight at once.
/// </summary>
public sealed class FaultServer : IAsyncLifetime
{
    private WebApplication? _app;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Where Kestrel listens.</summary>
    public IPEndPoint EndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Requests seen, in arrival order: path and query, and the request headers.</summary>
    public ConcurrentQueue<(string Path, Dictionary<string, string> Headers)> Seen { get; } = new();

    /// <summary>Most requests the server was working on at one time since the last <see cref="ResetCounters"/>.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Cancelled when the server stops, so hanging routes end with it.</summary>
    internal CancellationToken Stopping => _app?.Lifetime.ApplicationStopping ?? CancellationToken.None;

    public string Url(string pathAndQuery) => $"http://127.0.0.1:{EndPoint.Port}/{pathAndQuery.TrimStart('/')}";

    /// <summary>The headers of the last request whose path starts with <paramref name="path"/>.</summary>
    public Dictionary<string, string> LastRequest(string path) =>
        Seen.Last(r => r.Path.StartsWith("/" + path.TrimStart('/'), StringComparison.Ordinal)).Headers;

    public int RequestsTo(string path) => Seen.Count(r => r.Path.StartsWith("/" + path.TrimStart('/'), StringComparison.Ordinal));

    public void ResetCounters() => Interlocked.Exchange(ref _maxInFlight, 0);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MinResponseDataRate = null; // the drip route must not be cut by Kestrel before the client's timeout
        });
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Seen.Enqueue((context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            var now = Interlocked.Increment(ref _inFlight);
            for (var max = _maxInFlight; now > max; max = _maxInFlight)
                if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max) break;
            try { await next(context); }
            finally { Interlocked.Decrement(ref _inFlight); }
        });
        FaultRoutes.Map(_app, this);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        EndPoint = new IPEndPoint(IPAddress.Loopback, new Uri(address).Port);
    }

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
