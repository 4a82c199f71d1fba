using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Api;

namespace Monitor.Tests.Api;

/// <summary>The coverage response cache: one storage query per burst, stale-while-refreshing, failures never kept.</summary>
public sealed class PageCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private int _loads;

    private PageCache Cache(double seconds = 5) => new(Options.Create(new ApiOptions { CacheSeconds = seconds }), _clock);

    private Func<Task<byte[]>> Load(byte value, TaskCompletionSource? gate = null) => async () =>
    {
        Interlocked.Increment(ref _loads);
        if (gate is not null) await gate.Task;
        return [value];
    };

    [Fact]
    public async Task Readers_at_once_share_one_load_and_reuse_it_until_it_expires()
    {
        var cache = Cache();
        var gate = new TaskCompletionSource();
        var readers = Enumerable.Range(0, 20).Select(_ => cache.GetAsync("k", Load(1, gate), CancellationToken.None)).ToList();
        gate.SetResult();
        Assert.All(await Task.WhenAll(readers), r => Assert.Equal([1], r));
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal([1], await cache.GetAsync("k", Load(2), CancellationToken.None));
        Assert.Equal(1, _loads);
        Assert.Equal([3], await cache.GetAsync("other", Load(3), CancellationToken.None));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task An_expired_response_is_served_while_one_refresh_runs()
    {
        var cache = Cache();
        await cache.GetAsync("k", Load(1), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(6));
        var gate = new TaskCompletionSource();
        Assert.Equal([1], await cache.GetAsync("k", Load(2, gate), CancellationToken.None));
        Assert.Equal([1], await cache.GetAsync("k", Load(3), CancellationToken.None));
        Assert.Equal(2, _loads); // one refresh, not one per reader
        gate.SetResult();
        await Task.Delay(50);
        Assert.Equal([2], await cache.GetAsync("k", Load(4), CancellationToken.None));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task A_failure_is_not_kept_and_zero_seconds_turns_the_cache_off()
    {
        var cache = Cache();
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("k", () => throw new InvalidOperationException("storage"), CancellationToken.None));
        Assert.Equal([1], await cache.GetAsync("k", Load(1), CancellationToken.None));

        var off = Cache(0);
        await off.GetAsync("k", Load(1), CancellationToken.None);
        await off.GetAsync("k", Load(1), CancellationToken.None);
        Assert.Equal(3, _loads);
    }

    [Fact]
    public async Task Past_a_minute_of_failing_refreshes_readers_wait_for_storage_again()
    {
        var cache = Cache();
        await cache.GetAsync("k", Load(1), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal([2], await cache.GetAsync("k", Load(2), CancellationToken.None));
    }
}
