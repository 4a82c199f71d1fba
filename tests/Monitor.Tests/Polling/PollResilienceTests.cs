using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Core.Query;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Polling;

/// <summary>Cut off, rerun, run twice at once, failing servers: nothing lost, nothing stored twice, nobody hammered.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PollResilienceTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FeedServer _server = new();

    public void Dispose() => _server.Dispose();

    /// <summary>Three feeds; the story items of the first appear in the second too (same links, other outlet).</summary>
    private FeedSource[] ServeFeeds()
    {
        var story = TestFeeds.SeedStory();
        var syndicated = story.Take(3).Select(i => i with { Source = "Other Outlet" }).ToArray();
        var more = Enumerable.Range(1, 12).Select(n => new TestFeeds.Item(
            $"Armenian and Azerbaijani troops exchange fire near Sotk, day {n}", $"https://news.example/2023/sotk/{n}",
            TestFeeds.Date("2023-03-01T00:00:00Z").AddHours(n * 7),
            $"Yerevan said Azerbaijani forces shelled positions near the border for the {n}th time; Baku blamed Armenian provocations.")).ToArray();
        return
        [
            new(_server.Serve("a.xml", TestFeeds.Rss("A", story), etag: "\"a\"")),
            new(_server.Serve("b.xml", TestFeeds.Rss("B", syndicated), etag: "\"b\"")),
            new(_server.Serve("c.xml", TestFeeds.Rss("C", more), etag: "\"c\"")),
        ];
    }

    private static async Task<SortedSet<string>> KeysAsync(TableClient table)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var e in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"])) keys.Add(e.PartitionKey + "/" + e.RowKey);
        return keys;
    }

    private async Task<(SortedSet<string> Items, SortedSet<string> Coverage)> CleanRunAsync(FeedSource[] feeds)
    {
        using var services = TestServices.Create(azurite);
        await services.GetRequiredService<PollRunner>().RunAsync(feeds);
        var tables = services.GetRequiredService<MonitorTables>();
        return (await KeysAsync(tables.Items), await KeysAsync(tables.Coverage));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(12)]
    public async Task Storage_dying_mid_pass_loses_nothing_and_duplicates_nothing_when_the_pass_is_run_again(int requestsBeforeTheCut)
    {
        var feeds = ServeFeeds();
        var expected = await CleanRunAsync(feeds);

        var storage = new FailingStorage(requestsBeforeTheCut);
        var prefix = azurite.NewPrefix();
        using var services = TestServices.Create(azurite, prefix,
            configure: s => s.PostConfigure<StorageOptions>(o => o.ClientOptions = storage.ClientOptions()));
        var runner = services.GetRequiredService<PollRunner>();
        var cut = await Record.ExceptionAsync(() => runner.RunAsync(feeds));
        Assert.True(cut is null || cut is StorageUnavailableException or AggregateException or Azure.RequestFailedException, cut?.ToString());

        storage.FailAfter = int.MaxValue; // storage is back
        var rerun = await runner.RunAsync(feeds);
        Assert.Equal(0, rerun.FeedsFailed);

        var tables = services.GetRequiredService<MonitorTables>();
        Assert.Equal(expected.Items, await KeysAsync(tables.Items));
        Assert.Equal(expected.Coverage, await KeysAsync(tables.Coverage));

        // And a third pass, with every feed now remembered, changes nothing.
        var third = await runner.RunAsync(feeds);
        Assert.Equal(0, third.ItemsNew);
        Assert.Equal(expected.Coverage, await KeysAsync(tables.Coverage));
    }

    [Fact]
    public async Task Two_passes_at_once_store_everything_once_and_keep_both_feed_states()
    {
        var feeds = ServeFeeds();
        var expected = await CleanRunAsync(feeds);
        var prefix = azurite.NewPrefix();
        using var one = TestServices.Create(azurite, prefix);
        using var two = TestServices.Create(azurite, prefix);

        await Task.WhenAll(one.GetRequiredService<PollRunner>().RunAsync(feeds), two.GetRequiredService<PollRunner>().RunAsync(feeds));

        var tables = one.GetRequiredService<MonitorTables>();
        Assert.Equal(expected.Items, await KeysAsync(tables.Items));
        Assert.Equal(expected.Coverage, await KeysAsync(tables.Coverage));
        var states = await one.GetRequiredService<FeedStateStore>().LoadAllAsync();
        Assert.Equal(3, states.Count);
        Assert.Equal(5, states[feeds[0].Key].Seen.Count);
        var after = await two.GetRequiredService<PollRunner>().RunAsync(feeds);
        Assert.Equal(0, after.ItemsNew);
    }

    [Fact]
    public async Task The_same_item_in_two_feeds_is_stored_once_and_remembers_both_sources()
    {
        var feeds = ServeFeeds();
        using var services = TestServices.Create(azurite);
        await services.GetRequiredService<PollRunner>().RunAsync(feeds);

        var entries = await services.GetRequiredService<CoverageQuery>().GetAsync(new CoverageRequest("border-clashes") { Limit = 100 });
        var clash = Assert.Single(entries, e => e.Url.EndsWith("/clashes"));
        Assert.Equal(["Example Wire", "Other Outlet"], clash.Sources.Order());
        Assert.Equal(5 + 12, (await KeysAsync(services.GetRequiredService<MonitorTables>().Items)).Count);
    }

    [Fact]
    public async Task A_failing_feed_backs_off_a_429_waits_its_retry_after_and_a_410_is_marked_gone()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var services = TestServices.Create(azurite, configure: s => s.AddSingleton<TimeProvider>(clock));
        var runner = services.GetRequiredService<PollRunner>();
        var broken = new FeedSource(_server.Serve("broken.xml", "oops", status: 500));
        var limited = new FeedSource(_server.Serve("limited.xml", "slow down", status: 429, headers: new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        var gone = new FeedSource(_server.Serve("gone.xml", "gone", status: 410));
        FeedSource[] feeds = [broken, limited, gone];

        var first = await runner.RunAsync(feeds);
        Assert.Equal([FeedOutcomeStatus.Failed, FeedOutcomeStatus.Failed, FeedOutcomeStatus.Gone], first.Feeds.Select(f => f.Status));
        var requests = _server.Requests;

        clock.Advance(TimeSpan.FromMinutes(1)); // nobody is due yet: no request at all
        var second = await runner.RunAsync(feeds);
        Assert.All(second.Feeds, f => Assert.Equal(FeedOutcomeStatus.Deferred, f.Status));
        Assert.Equal(requests, _server.Requests);

        clock.Advance(TimeSpan.FromMinutes(5)); // the 500 feed's 5-minute backoff is over; the 429 asked for an hour
        var third = await runner.RunAsync(feeds);
        Assert.Equal([FeedOutcomeStatus.Failed, FeedOutcomeStatus.Deferred, FeedOutcomeStatus.Deferred], third.Feeds.Select(f => f.Status));

        var states = await services.GetRequiredService<FeedStateStore>().LoadAllAsync();
        Assert.Equal(2, states[broken.Key].ConsecutiveFailures);
        Assert.Equal(clock.GetUtcNow().AddMinutes(10), states[broken.Key].NextPoll); // doubled
        Assert.True(states[gone.Key].Gone);
        Assert.NotNull(states[limited.Key].LastError);

        // The feed comes back: healthy again, due every pass.
        _server.Serve("broken.xml", TestFeeds.Rss("Back", TestFeeds.SeedStory()));
        clock.Advance(TimeSpan.FromMinutes(10));
        var fourth = await runner.RunAsync([broken]);
        Assert.Equal(FeedOutcomeStatus.Ok, fourth.Feeds[0].Status);
        var healed = (await services.GetRequiredService<FeedStateStore>().LoadAllAsync())[broken.Key];
        Assert.Equal(0, healed.ConsecutiveFailures);
        Assert.Null(healed.NextPoll);
        Assert.Null(healed.LastError);
    }

    [Fact]
    public async Task Transient_storage_errors_are_retried_and_the_pass_completes()
    {
        var feeds = ServeFeeds();
        var expected = await CleanRunAsync(feeds);
        var flaky = new FlakyStorage(period: 3);
        using var services = TestServices.Create(azurite,
            configure: s => s.PostConfigure<StorageOptions>(o => o.ClientOptions = flaky.ClientOptions()));

        var report = await services.GetRequiredService<PollRunner>().RunAsync(feeds);

        Assert.Equal(0, report.FeedsFailed);
        Assert.True(flaky.Failures > 0);
        var tables = services.GetRequiredService<MonitorTables>();
        Assert.Equal(expected.Items, await KeysAsync(tables.Items));
        Assert.Equal(expected.Coverage, await KeysAsync(tables.Coverage));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task A_pass_cancelled_mid_way_leaves_state_the_next_pass_completes(int cancelAtRequest)
    {
        var feeds = ServeFeeds();
        var expected = await CleanRunAsync(feeds);
        using var cancel = new CancellationTokenSource();
        var hook = new FlakyStorage(period: 0, callbackAt: cancelAtRequest, callback: cancel.Cancel);
        using var services = TestServices.Create(azurite,
            configure: s => s.PostConfigure<StorageOptions>(o => o.ClientOptions = hook.ClientOptions()));
        var runner = services.GetRequiredService<PollRunner>();

        var cut = await Record.ExceptionAsync(() => runner.RunAsync(feeds, cancel.Token));
        Assert.True(cut is null or OperationCanceledException, cut?.ToString());

        var rerun = await runner.RunAsync(feeds);
        Assert.Equal(0, rerun.FeedsFailed);
        var tables = services.GetRequiredService<MonitorTables>();
        Assert.Equal(expected.Items, await KeysAsync(tables.Items));
        Assert.Equal(expected.Coverage, await KeysAsync(tables.Coverage));
    }
}
