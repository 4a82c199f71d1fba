using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Polling;

/// <summary>"Seen" holds for a feed of any size, at a bounded cost; a feed over its parse budget fails alone.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FeedSizeTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FeedServer _server = new();

    public void Dispose() => _server.Dispose();

    private static TestFeeds.Item[] Dated(int count, int offset = 0) => Enumerable.Range(offset, count).Select(n => new TestFeeds.Item(
        $"Market report {n}", $"https://big.example/{n}", TestFeeds.Date("2023-01-01T00:00:00Z").AddMinutes(n), "Prices were steady.")).ToArray();

    [Fact]
    public async Task A_feed_of_10000_items_is_remembered_whole_and_only_its_newest_items_are_taken()
    {
        using var services = TestServices.Create(azurite);
        var runner = services.GetRequiredService<PollRunner>();
        var feed = new FeedSource(_server.Serve("big.xml", TestFeeds.Rss("Big", Dated(10_000))));

        var first = await runner.RunAsync([feed]);
        Assert.Equal(FeedIntake.MaxItemsPerPass, first.ItemsNew);

        // One new item, body changed: one new, the rest seen (before: 6,000 "new" again, the seen list held 4,000).
        _server.Serve("big.xml", TestFeeds.Rss("Big", Dated(10_001)));
        var second = await runner.RunAsync([feed]);
        Assert.Equal(1, second.ItemsNew);
        Assert.Equal(FeedIntake.MaxItemsPerPass - 1, second.ItemsSeen);

        // Unchanged: not even parsed.
        var third = await runner.RunAsync([feed]);
        Assert.Equal(FeedOutcomeStatus.NotModified, Assert.Single(third.Feeds).Status);
        Assert.Equal(0, third.ItemsNew);
    }

    [Fact]
    public async Task The_oldest_items_of_a_4100_item_dated_feed_keep_their_first_seen_time()
    {
        var clock = new FakeTimeProvider(TestFeeds.Date("2024-01-01T00:00:00Z"));
        using var services = TestServices.Create(azurite, configure: s => s.AddSingleton<TimeProvider>(clock));
        var runner = services.GetRequiredService<PollRunner>();
        var feed = new FeedSource(_server.Serve("dated.xml", TestFeeds.Rss("Dated", Dated(4_100))));
        await runner.RunAsync([feed]);
        var before = await FirstSeenAsync(services);

        clock.Advance(TimeSpan.FromHours(1));
        _server.Serve("dated.xml", TestFeeds.Rss("Dated, again", Dated(4_100)));
        var again = await runner.RunAsync([feed]);
        Assert.Equal(0, again.ItemsNew);
        Assert.Equal(before, await FirstSeenAsync(services));
    }

    [Fact]
    public async Task A_feed_over_its_parse_budget_fails_with_the_reason_and_the_others_are_stored()
    {
        var clock = new FakeTimeProvider(TestFeeds.Date("2024-01-01T00:00:00Z"));
        // 20 ms of CPU: 20,000 items take about 0.3 s to parse, two items well under 1 ms once the code is compiled.
        // A first pass over a small feed compiles it, so the small feed is not charged with that on a loaded machine.
        using var services = TestServices.Create(azurite, extra: new Dictionary<string, string?> { ["Fetch:ParseBudget"] = "00:00:00.020" },
            configure: s => s.AddSingleton<TimeProvider>(clock));
        var big = new FeedSource(_server.Serve("costly.xml", TestFeeds.Rss("Costly", Dated(20_000))));
        var small = new FeedSource(_server.Serve("small.xml", TestFeeds.Rss("Small", Dated(2, offset: 50_000))));
        var runner = services.GetRequiredService<PollRunner>();
        await runner.RunAsync([new FeedSource(_server.Serve("warm-up.xml", TestFeeds.Rss("Warm-up", Dated(2, offset: 60_000))))]);

        var report = await runner.RunAsync([big, small]);
        Assert.Equal(FeedOutcomeStatus.Failed, report.Feeds[0].Status);
        Assert.StartsWith("too costly to parse: over the budget of 0.02 s of CPU", report.Feeds[0].Reason);
        Assert.Equal(2, report.Feeds[1].ItemsNew);

        // The same body next pass (after the backoff) fails with the same reason, without being parsed again.
        clock.Advance(TimeSpan.FromDays(1));
        var again = await runner.RunAsync([big, small]);
        Assert.Equal(report.Feeds[0].Reason, again.Feeds[0].Reason);
        var state = (await services.GetRequiredService<FeedStateStore>().LoadAllAsync())[big.Key];
        Assert.Equal(2, state.ConsecutiveFailures);
        Assert.StartsWith("!", state.BodyHash);
    }

    private static async Task<Dictionary<string, DateTimeOffset>> FirstSeenAsync(IServiceProvider services)
    {
        var seen = new Dictionary<string, DateTimeOffset>();
        await foreach (var row in services.GetRequiredService<MonitorTables>().Items.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey", "FirstSeen"]))
            seen[row.RowKey] = row.GetDateTimeOffset("FirstSeen")!.Value;
        return seen;
    }
}
