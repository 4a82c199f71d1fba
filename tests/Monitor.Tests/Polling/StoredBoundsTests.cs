using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Polling;

/// <summary>One oversized value fails nothing but, at worst, its own feed: caps where values are made, and a refused batch split.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StoredBoundsTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FeedServer _server = new();

    public void Dispose() => _server.Dispose();

    private FeedSource[] HealthyFeeds() => Enumerable.Range(1, 3).Select(n => new FeedSource(_server.Serve($"healthy{n}.xml",
        TestFeeds.Rss($"Healthy {n}", Enumerable.Range(1, 4).Select(k => new TestFeeds.Item($"Healthy feed {n} story {k}",
            $"https://healthy{n}.example/story/{k}", TestFeeds.Date("2023-03-01T00:00:00Z").AddHours(k),
            "Armenia and Azerbaijan exchanged fire on the border.")).ToArray())))).ToArray();

    private static async Task<int> CountAsync(TableClient table)
    {
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"])) n++;
        return n;
    }

    [Fact]
    public async Task A_40000_character_link_fails_neither_its_feed_nor_the_feeds_written_beside_it()
    {
        using var services = TestServices.Create(azurite);
        var longLink = "https://bad.example/" + new string('a', 40_000);
        var bad = new FeedSource(_server.Serve("bad.xml", TestFeeds.Rss("Bad", new TestFeeds.Item("A story with a huge link", longLink,
            TestFeeds.Date("2023-03-02T00:00:00Z"), "Armenia and Azerbaijan again."))));
        FeedSource[] feeds = [.. HealthyFeeds(), bad];

        var report = await services.GetRequiredService<PollRunner>().RunAsync(feeds);

        Assert.Equal(0, report.FeedsFailed);
        Assert.Equal(13, report.ItemsNew);
        var tables = services.GetRequiredService<MonitorTables>();
        Assert.Equal(13, await CountAsync(tables.Items));
        await foreach (var row in tables.Items.QueryAsync<TableEntity>())
            Assert.True(row.GetString("Url")!.Length <= StoredLimits.MaxUrl);
        // Remembered: a second pass finds nothing new.
        Assert.Equal(0, (await services.GetRequiredService<PollRunner>().RunAsync(feeds)).ItemsNew);
    }

    [Fact]
    public async Task A_40000_character_channel_title_and_etag_do_not_stop_any_feed_state_from_being_saved()
    {
        using var services = TestServices.Create(azurite);
        var hugeTitle = new string('T', 40_000);
        var bad = new FeedSource(_server.Serve("title.xml", TestFeeds.Rss(hugeTitle, new TestFeeds.Item("Story under a huge title",
            "https://title.example/1", TestFeeds.Date("2023-03-02T00:00:00Z"), "Armenia and Azerbaijan again.")),
            etag: "\"" + new string('e', 40_000) + "\""));
        FeedSource[] feeds = [.. HealthyFeeds(), bad];
        var runner = services.GetRequiredService<PollRunner>();

        var first = await runner.RunAsync(feeds);
        Assert.Equal(0, first.FeedsFailed);
        Assert.Equal(13, first.ItemsNew);
        var states = await services.GetRequiredService<FeedStateStore>().LoadAllAsync();
        Assert.Equal(4, states.Count);
        Assert.True(states[bad.Key].Title!.Length <= StoredLimits.MaxFeedTitle);
        Assert.Null(states[bad.Key].HttpETag);

        var second = await runner.RunAsync(feeds);
        Assert.Equal(0, second.ItemsNew); // before the fix no state was saved, and every item came back as new
        Assert.Equal(4, second.FeedsOk);
    }

    [Fact]
    public async Task A_batch_storage_refuses_is_split_so_only_the_refused_feed_fails_with_the_reason_in_its_health()
    {
        var refusing = new RefusingStorage("POISON-MARKER");
        using var services = TestServices.Create(azurite, configure: s => s.PostConfigure<StorageOptions>(o => o.ClientOptions = refusing.ClientOptions(maxRetries: 0)));
        var poison = new FeedSource(_server.Serve("poison.xml", TestFeeds.Rss("Poison", new TestFeeds.Item("POISON-MARKER story",
            "https://poison.example/1", TestFeeds.Date("2023-03-02T00:00:00Z"), "Armenia and Azerbaijan again."))));
        FeedSource[] feeds = [.. HealthyFeeds().Take(2), poison, .. HealthyFeeds().Skip(2)];
        var runner = services.GetRequiredService<PollRunner>();

        var report = await runner.RunAsync(feeds);

        Assert.True(refusing.Refused > 0);
        var failed = Assert.Single(report.Feeds, f => f.IsFailure);
        Assert.Equal(poison.Url, failed.Url);
        Assert.StartsWith("storage refused this feed's data: refused (test)", failed.Reason);
        Assert.Equal(12, report.ItemsNew);
        var tables = services.GetRequiredService<MonitorTables>();
        Assert.Equal(12, await CountAsync(tables.Items));
        var states = await services.GetRequiredService<FeedStateStore>().LoadAllAsync();
        Assert.StartsWith("storage refused", states[poison.Key].LastError);
        Assert.Equal(1, states[poison.Key].ConsecutiveFailures);
        Assert.Empty(states[poison.Key].Seen); // its items were not stored, so they are not remembered either
        Assert.Equal(4, states[feeds[0].Key].Seen.Count);

        var again = await runner.RunAsync(feeds);
        Assert.Equal(0, again.ItemsNew);
        Assert.Equal(1, again.FeedsFailed);
    }

    /// <summary>Answers 400 to any request whose body carries a marker, the way Azure refuses an oversized property.</summary>
    private sealed class RefusingStorage(string marker) : StorageFaultPolicy
    {
        public int Refused;

        protected override void OnRequest(int number) { }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            Check(message);
            return base.ProcessAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            Check(message);
            base.Process(message, pipeline);
        }

        private void Check(HttpMessage message)
        {
            if (!RequestText(message).Contains(marker, StringComparison.Ordinal)) return;
            Interlocked.Increment(ref Refused);
            throw new Azure.RequestFailedException(400, "refused (test)");
        }
    }
}
