using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Polling;
using Monitor.Core.Storage;
using Monitor.Functions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Feeds.Subscriptions;

/// <summary>The subscriptions in Azurite: defaults imported once, removals that stick, and what a pass polls.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SubscriptionStoreTests(AzuriteFixture azurite)
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    private static SubscriptionStore Store(MonitorTables tables) => new(tables, Clock);

    [Fact]
    public async Task First_use_imports_the_defaults_once_and_a_removed_default_stays_removed()
    {
        var prefix = azurite.NewPrefix();
        var defaults = FeedList.Defaults();

        var first = await Store(azurite.Tables(prefix)).ListAsync();
        Assert.Equal(defaults.OrderBy(d => d.Url), first.Select(s => s.ToSource()).OrderBy(d => d.Url));
        Assert.All(first, s => Assert.Equal(Clock.GetUtcNow(), s.Added));

        var removed = defaults[0].Url;
        Assert.True(await Store(azurite.Tables(prefix)).RemoveAsync(removed));

        // A new store is a new process (another CLI run, the Functions app): the marker stops a second import.
        var again = await Store(azurite.Tables(prefix)).ListAsync();
        Assert.Equal(defaults.Count - 1, again.Count);
        Assert.DoesNotContain(again, s => s.Url == removed);
    }

    [Fact]
    public async Task Rows_live_in_the_subscription_partition_keyed_by_url_hash_beside_the_marker()
    {
        var tables = azurite.Tables();
        var store = Store(tables);
        Assert.True(await store.AddAsync(new FeedSource("https://x.example/rss", "X")));

        var rows = new List<TableEntity>();
        await foreach (var e in tables.Feeds.QueryAsync<TableEntity>()) rows.Add(e);
        Assert.All(rows, r => Assert.Equal(SubscriptionStore.Partition, r.PartitionKey));
        var row = Assert.Single(rows, r => r.RowKey == FeedSource.KeyOf("https://x.example/rss"));
        Assert.Equal("https://x.example/rss", row.GetString("Url"));
        Assert.Equal("X", row.GetString("Title"));
        Assert.Equal(Clock.GetUtcNow(), row.GetDateTimeOffset("Added"));
        Assert.Single(rows, r => r.RowKey == SubscriptionStore.MarkerKey);
        Assert.Equal(FeedList.Defaults().Count + 2, rows.Count);
        Assert.DoesNotContain(await store.ListAsync(), s => s.Url.Length == 0);
    }

    [Fact]
    public async Task Add_and_remove_report_whether_anything_changed()
    {
        var store = Store(azurite.Tables());
        var feed = new FeedSource("https://y.example/feed", "Y");
        Assert.True(await store.AddAsync(feed));
        Assert.False(await store.AddAsync(feed with { Title = "Other" }));
        Assert.Equal("Y", (await store.GetAsync(feed.Url))!.Title);

        Assert.True(await store.RemoveAsync(feed.Url));
        Assert.False(await store.RemoveAsync(feed.Url));
        Assert.Null(await store.GetAsync(feed.Url));
    }

    [Fact]
    public async Task Add_many_writes_only_the_new_ones_in_batches()
    {
        var store = Store(azurite.Tables());
        var known = FeedList.Defaults()[1];
        var fresh = Enumerable.Range(0, 150).Select(i => new FeedSource($"https://many.example/{i}/rss")).ToList();

        var result = await store.AddManyAsync([known, .. fresh, fresh[0]]);
        Assert.Equal(150, result.Added.Count);
        Assert.Equal([known], result.AlreadyPresent);
        Assert.Equal(FeedList.Defaults().Count + 150, (await store.ListAsync()).Count);
    }

    [Fact]
    public async Task A_feed_file_wins_over_the_subscriptions_and_without_one_they_are_polled()
    {
        using var server = new FeedServer();
        var url = server.Serve("story.xml", TestFeeds.Rss("Wire", TestFeeds.SeedStory()));
        var prefix = azurite.NewPrefix();
        var file = Path.GetTempFileName();
        var explicitFile = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "https://file.example/rss\n");
            File.WriteAllText(explicitFile, url + "\n");
            await using (var withFile = TestServices.Create(azurite, prefix, new Dictionary<string, string?> { ["MONITOR_FEEDS"] = file }))
            {
                var feeds = withFile.GetRequiredService<ConfiguredFeeds>();
                Assert.Equal(["https://file.example/rss"], (await feeds.LoadAsync()).Select(f => f.Url));
                Assert.Equal([url], (await feeds.LoadAsync(explicitFile)).Select(f => f.Url));
            }

            await using var services = TestServices.Create(azurite, prefix);
            var store = services.GetRequiredService<SubscriptionStore>();
            foreach (var s in await store.ListAsync()) await store.RemoveAsync(s.Url);
            await store.AddAsync(new FeedSource(url, "Wire"));
            Assert.Equal([new FeedSource(url, "Wire")], await services.GetRequiredService<ConfiguredFeeds>().LoadAsync());

            // The timer function polls the same subscriptions the CLI manages.
            var function = new PollFeeds(services.GetRequiredService<PollRunner>(), services.GetRequiredService<ConfiguredFeeds>(), NullLogger<PollFeeds>.Instance);
            var report = await function.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
            Assert.Equal(url, Assert.Single(report.Feeds).Url);
            Assert.Equal(5, report.ItemsNew);
        }
        finally
        {
            File.Delete(file);
            File.Delete(explicitFile);
        }
    }
}
