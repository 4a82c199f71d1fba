using Microsoft.Extensions.DependencyInjection;
using Monitor.Api;
using Monitor.Core.Polling;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Api;

/// <summary>
/// <see cref="ApiStory"/> stored once per test class in its own tables (read-only tests share it). Seeded on
/// first use, because it needs the collection's Azurite, which a class fixture cannot take in its constructor.
/// </summary>
public sealed class StoryFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly FeedServer _server = new();
    private ServiceProvider? _services;

    public ServiceProvider Services => _services ?? throw new InvalidOperationException("call ReadyAsync first");
    public string Prefix { get; private set; } = "";
    public PollReport Report { get; private set; } = null!;
    public FeedServer Server => _server;
    private ServedMonitor? _served;

    /// <summary>`monitor serve` over the story's tables, started once.</summary>
    public async Task<ServedMonitor> ServeAsync(AzuriteFixture azurite)
    {
        await ReadyAsync(azurite);
        await _lock.WaitAsync();
        try { return _served ??= await ServedMonitor.StartAsync(TestServices.Configuration(azurite, Prefix)); }
        finally { _lock.Release(); }
    }

    public async Task<StoryFixture> ReadyAsync(AzuriteFixture azurite)
    {
        await _lock.WaitAsync();
        try
        {
            if (_services is not null) return this;
            Prefix = azurite.NewPrefix();
            var services = TestServices.Create(azurite, Prefix, configure: s => s.AddMonitorApi());
            Report = await ApiStory.SeedAsync(services, _server);
            _services = services;
            return this;
        }
        finally { _lock.Release(); }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_served is not null) await _served.DisposeAsync();
        if (_services is not null) await _services.DisposeAsync();
        _server.Dispose();
    }
}
