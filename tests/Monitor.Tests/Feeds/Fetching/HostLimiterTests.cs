using Monitor.Core.Feeds.Fetching;

namespace Monitor.Tests.Feeds.Fetching;

public sealed class HostLimiterTests
{
    [Fact]
    public async Task A_host_gives_out_N_slots_and_the_next_caller_waits_for_one_back()
    {
        var limiter = new HostLimiter(2);
        var first = await limiter.AcquireAsync("example.com", default);
        using var second = await limiter.AcquireAsync("EXAMPLE.com", default);
        var third = limiter.AcquireAsync("example.com", default).AsTask();

        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        first.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task Hosts_do_not_wait_for_each_other()
    {
        var limiter = new HostLimiter(1);
        using var a = await limiter.AcquireAsync("a.example", default);
        var b = limiter.AcquireAsync("b.example", default);
        Assert.True(b.IsCompleted);
        (await b).Dispose();
    }

    [Fact]
    public async Task The_table_shrinks_back_to_empty_and_a_double_dispose_gives_back_one_slot()
    {
        var limiter = new HostLimiter(1);
        var leases = new List<IDisposable>();
        for (var i = 0; i < 100; i++) leases.Add(await limiter.AcquireAsync($"host{i}.example", default));
        Assert.Equal(100, limiter.TrackedHosts);

        var held = await limiter.AcquireAsync("busy.example", default);
        var waiting = limiter.AcquireAsync("busy.example", default).AsTask();
        leases.ForEach(l => { l.Dispose(); l.Dispose(); });
        Assert.Equal(1, limiter.TrackedHosts);

        held.Dispose();
        held.Dispose(); // must not free a second slot
        var next = await waiting;
        var third = limiter.AcquireAsync("busy.example", default).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        next.Dispose();
        (await third).Dispose();
        Assert.Equal(0, limiter.TrackedHosts);
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_slot_and_leaves_no_entry()
    {
        var limiter = new HostLimiter(1);
        var held = await limiter.AcquireAsync("example.com", default);
        using var cancel = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync("example.com", cancel.Token).AsTask());
        Assert.Equal(1, limiter.TrackedHosts);

        held.Dispose();
        Assert.Equal(0, limiter.TrackedHosts);
        (await limiter.AcquireAsync("example.com", default)).Dispose();
    }
}
