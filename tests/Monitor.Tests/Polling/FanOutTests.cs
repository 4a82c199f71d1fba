using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Polling;

/// <summary>
/// The fan-out against Azurite's table and queue services: a dispatcher hands feeds out in shards, workers poll
/// them. Delivery is at least once and workers die; every case ends with exactly the keys of a clean pass.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FanOutTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FanOutHarness _feeds = new();

    public void Dispose() => _feeds.Dispose();

    private ServiceProvider Services(string prefix, Dictionary<string, string?>? settings = null, TimeProvider? clock = null, HttpPipelinePolicy? storagePolicy = null) =>
        TestServices.Create(azurite, prefix, settings ?? FanOutHarness.Settings(), s =>
        {
            if (clock is not null) s.AddSingleton(clock);
            if (storagePolicy is not null)
                s.PostConfigure<StorageOptions>(o =>
                {
                    o.ClientOptions = StorageClients.DefaultTableOptions();
                    o.ClientOptions.Retry.MaxRetries = 0;
                    o.ClientOptions.AddPolicy(storagePolicy, HttpPipelinePosition.PerRetry);
                });
        });

    private static Task<SortedSet<string>> KeysAsync(ServiceProvider services) => FanOutHarness.KeysAsync(services.GetRequiredService<MonitorTables>());

    private static async Task<List<QueueMessage>> PeekAllAsync(ServiceProvider services)
    {
        var queue = services.GetRequiredService<ShardQueue>();
        return (await queue.Shards.PeekMessagesAsync(32)).Value.Select(m => QueuesModelFactory.QueueMessage(m.MessageId, "", m.MessageText, m.DequeueCount)).ToList();
    }

    [Fact]
    public async Task Dispatched_shards_group_feeds_by_host_and_workers_store_what_a_single_pass_stores()
    {
        var clean = await _feeds.CleanKeysAsync(azurite);
        using var services = Services(azurite.NewPrefix());

        var dispatched = await services.GetRequiredService<ShardDispatcher>().DispatchAsync(_feeds.Feeds);
        Assert.Equal((_feeds.Feeds.Count, 2), (dispatched.Dispatched, dispatched.Shards));
        var shards = (await PeekAllAsync(services)).Select(m => PollShard.Parse(m.MessageText)).ToList();
        Assert.All(shards, s => Assert.Single(s.Feeds.Select(f => new Uri(f.Url).Port).Distinct()));

        var worked = await services.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true);
        Assert.Equal((2, 0, 0, _feeds.Feeds.Count), (worked.Shards, worked.Retried, worked.Poisoned, worked.Feeds));
        Assert.Equal(clean, await KeysAsync(services));
    }

    [Fact]
    public async Task A_message_delivered_twice_stores_nothing_twice()
    {
        var clean = await _feeds.CleanKeysAsync(azurite);
        using var services = Services(azurite.NewPrefix());
        await services.GetRequiredService<ShardDispatcher>().DispatchAsync(_feeds.Feeds);
        var queue = services.GetRequiredService<ShardQueue>();
        foreach (var message in await PeekAllAsync(services)) await queue.Shards.SendMessageAsync(message.MessageText);

        var worked = await services.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true);
        Assert.Equal(4, worked.Shards);
        Assert.Equal(0, worked.FeedsFailed);
        Assert.Equal(clean, await KeysAsync(services));
    }

    [Fact]
    public async Task Two_workers_on_overlapping_shards_store_everything_once()
    {
        var clean = await _feeds.CleanKeysAsync(azurite);
        var prefix = azurite.NewPrefix();
        using var first = Services(prefix, With(FanOutHarness.Settings(), "Polling:WorkerConcurrency", "1"));
        using var second = Services(prefix, With(FanOutHarness.Settings(), "Polling:WorkerConcurrency", "1"));
        // Shards that share feeds, as two dispatchers with an expired lease between them would make them.
        var queue = first.GetRequiredService<ShardQueue>();
        foreach (var range in new[] { (0, 6), (2, 6), (4, 4), (0, 8) })
            await queue.SendAsync(new PollShard($"overlap-{range.Item1}", _feeds.Feeds.Skip(range.Item1).Take(range.Item2).ToList()));

        var reports = await Task.WhenAll(first.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true),
                                         second.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true));
        Assert.Equal(4, reports.Sum(r => r.Shards));
        Assert.Equal(0, reports.Sum(r => r.FeedsFailed));
        Assert.Equal(clean, await KeysAsync(first));
    }

    [Fact]
    public async Task A_worker_killed_mid_shard_leaves_its_message_to_reappear_and_the_rerun_completes_it()
    {
        var clean = await _feeds.CleanKeysAsync(azurite);
        var prefix = azurite.NewPrefix();
        var settings = With(FanOutHarness.Settings(visibility: TimeSpan.FromSeconds(2)), "Polling:ShardFeeds", "8");
        using var kill = new CancellationTokenSource();
        var killer = new KillAfterItems(kill);
        using (var doomed = Services(prefix, settings, storagePolicy: killer))
        {
            Assert.Equal(1, (await doomed.GetRequiredService<ShardDispatcher>().DispatchAsync(_feeds.Feeds)).Shards);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => doomed.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true, kill.Token));
            var partial = await KeysAsync(doomed);
            Assert.Contains(partial, k => k.StartsWith("Items ", StringComparison.Ordinal));
            Assert.NotEqual(clean, partial);
        }

        using var rescuer = Services(prefix, settings);
        var worked = await rescuer.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true);
        Assert.Equal(1, worked.Shards);
        Assert.Equal(clean, await KeysAsync(rescuer));
    }

    [Fact]
    public async Task A_shard_that_keeps_failing_is_set_aside_its_feeds_marked_failing_and_retried_by_the_backoff()
    {
        var clean = await _feeds.CleanKeysAsync(azurite);
        var prefix = azurite.NewPrefix();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = FanOutHarness.Settings(maxDequeue: 2);
        using (var broken = Services(prefix, settings, clock, new FailBatches()))
        {
            await broken.GetRequiredService<ShardDispatcher>().DispatchAsync(_feeds.Feeds);
            await broken.GetRequiredService<ShardQueue>().Shards.SendMessageAsync("not a shard");
            var worked = await broken.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true);
            Assert.Equal((0, 4, 3), (worked.Shards, worked.Retried, worked.Poisoned)); // two shards tried twice each
        }

        using var services = Services(prefix, settings, clock);
        var states = await services.GetRequiredService<FeedStateStore>().LoadAllAsync();
        Assert.Equal(_feeds.Feeds.Count, states.Count);
        Assert.All(states.Values, s =>
        {
            Assert.Equal(1, s.ConsecutiveFailures);
            Assert.StartsWith("its polling shard failed 2 times and was set aside (poison queue): shard ", s.LastError);
            Assert.Contains("results not stored (storage: ", s.LastError);
            Assert.Null(s.LeaseUntil);
            Assert.Equal(clock.GetUtcNow() + PollSchedule.FirstBackoff, s.NextPoll!.Value, TimeSpan.FromSeconds(1));
        });

        // Storage is back. Not due before the backoff runs out; after it, an ordinary pass completes the work.
        Assert.Equal(_feeds.Feeds.Count, (await services.GetRequiredService<ShardDispatcher>().DispatchAsync(_feeds.Feeds)).NotDue);
        clock.Advance(PollSchedule.FirstBackoff);
        Assert.Equal(_feeds.Feeds.Count, (await services.GetRequiredService<ShardDispatcher>().DispatchAsync(_feeds.Feeds)).Dispatched);
        await services.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true);
        Assert.Equal(clean, await KeysAsync(services));
    }

    [Fact]
    public async Task A_dispatcher_run_during_an_unfinished_pass_hands_nothing_out_twice_until_the_lease_expires()
    {
        var clean = await _feeds.CleanKeysAsync(azurite);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var services = Services(azurite.NewPrefix(), clock: clock);
        var dispatcher = services.GetRequiredService<ShardDispatcher>();
        var queue = services.GetRequiredService<ShardQueue>();

        var first = await dispatcher.DispatchAsync(_feeds.Feeds);
        clock.Advance(TimeSpan.FromMinutes(15)); // the next timer, with the first pass's shards still queued
        var second = await dispatcher.DispatchAsync(_feeds.Feeds);
        Assert.Equal((_feeds.Feeds.Count, 0, _feeds.Feeds.Count), (first.Dispatched, second.Dispatched, second.InFlight));
        Assert.Equal(first.Shards, (await PeekAllAsync(services)).Count);

        // One shard's message is lost with its worker; the other shard is done, which clears its feeds' leases.
        var lost = (await queue.Shards.ReceiveMessagesAsync(1)).Value.Single();
        await queue.Shards.DeleteMessageAsync(lost.MessageId, lost.PopReceipt);
        Assert.Equal(1, (await services.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true)).Shards);
        var lostFeeds = PollShard.Parse(lost.MessageText).Feeds.Count;
        clock.Advance(TimeSpan.FromMinutes(1));
        var third = await dispatcher.DispatchAsync(_feeds.Feeds);
        Assert.Equal((_feeds.Feeds.Count - lostFeeds, lostFeeds), (third.Dispatched, third.InFlight));
        await services.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true);

        // The lost feeds' lease runs out: they are handed out again.
        clock.Advance(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PollingOptions>>().Value.LeaseDuration);
        var fourth = await dispatcher.DispatchAsync(_feeds.Feeds);
        Assert.Equal((_feeds.Feeds.Count, 0), (fourth.Dispatched, fourth.InFlight));
        await services.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true);
        Assert.Equal(clean, await KeysAsync(services));
    }

    /// <summary>Whether the request is an entity-group transaction whose body names <paramref name="target"/>.</summary>
    private static bool BatchWrites(HttpMessage message, string target) =>
        message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && StorageFaultPolicy.RequestText(message).Contains(target, StringComparison.Ordinal);

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, string key, string value)
    {
        settings[key] = value;
        return settings;
    }

    /// <summary>
    /// Kills the worker (cancels it, with no clean-up) as soon as its first transaction of items has been stored:
    /// items are in, their links and the feeds' states are not. Keyed on what was stored, not on a request count,
    /// so concurrent writes cannot cancel the items before they land.
    /// </summary>
    private sealed class KillAfterItems(CancellationTokenSource kill) : StorageFaultPolicy
    {
        protected override void OnRequest(int number) { }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var items = BatchWrites(message, "Items(PartitionKey");
            await base.ProcessAsync(message, pipeline);
            if (items && message.Response.Status == 202) kill.Cancel();
        }
    }

    /// <summary>Writes of items and links fail at the transport; the Feeds table works (leases, states, marks).</summary>
    private sealed class FailBatches : StorageFaultPolicy
    {
        protected override void OnRequest(int number) { }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (BatchWrites(message, "Items(PartitionKey") || BatchWrites(message, "Coverage(PartitionKey"))
                throw ConnectionFailure("storage is failing (test)");
            return base.ProcessAsync(message, pipeline);
        }
    }
}
