using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Core.Polling;
using Monitor.Core.Query;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Linking;

/// <summary>Re-linking stored items against Azurite: thresholds change, links follow, nothing duplicated or lost.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RelinkerTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FeedServer _server = new();

    public void Dispose() => _server.Dispose();

    private static async Task<Dictionary<string, TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new Dictionary<string, TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>()) rows[e.PartitionKey + "/" + e.RowKey] = e;
        return rows;
    }

    [Fact]
    public async Task Relinking_follows_the_thresholds_and_restores_the_same_rows()
    {
        var prefix = azurite.NewPrefix();
        var feeds = new[]
        {
            new FeedSource(_server.Serve("a.xml", TestFeeds.Rss("A", TestFeeds.SeedStory()))),
            new FeedSource(_server.Serve("b.xml", TestFeeds.Rss("B", TestFeeds.SeedStory().Take(1).Select(i => i with { Source = "Other" }).ToArray()))),
        };
        Dictionary<string, TableEntity> original;
        using (var services = TestServices.Create(azurite, prefix))
        {
            await services.GetRequiredService<PollRunner>().RunAsync(feeds);
            original = await RowsAsync(services.GetRequiredService<MonitorTables>().Coverage);
        }
        Assert.NotEmpty(original);

        // Thresholds raised past any score: every link goes, every item stays.
        using (var strict = TestServices.Create(azurite, prefix, new Dictionary<string, string?> { ["Linking:MinTopicScore"] = "0.999" }))
        {
            var report = Assert.Single(await strict.GetRequiredService<Relinker>().RelinkAsync(null, null));
            Assert.Equal(5, report.ItemsRead);
            Assert.Equal(0, report.ItemsLinked);
            Assert.Equal(original.Count, report.RowsRemoved);
            Assert.Empty(await RowsAsync(strict.GetRequiredService<MonitorTables>().Coverage));
            Assert.Equal(0, (await strict.GetRequiredService<CoverageQuery>().SummariseAsync()).CountOf("border-clashes"));
        }

        // Back to the defaults: the same rows as the poll made, sources of both feeds included; twice changes nothing.
        using (var services = TestServices.Create(azurite, prefix))
        {
            var relinker = services.GetRequiredService<Relinker>();
            await relinker.RelinkAsync(null, null);
            var again = Assert.Single(await relinker.RelinkAsync("cradle-2022-09-armenia-azerbaijan", null));
            Assert.Equal(0, again.RowsRemoved);
            var restored = await RowsAsync(services.GetRequiredService<MonitorTables>().Coverage);
            Assert.Equal(original.Keys.Order(), restored.Keys.Order());
            foreach (var (key, row) in original)
            {
                Assert.Equal(row.GetString("Links"), restored[key].GetString("Links"));
                Assert.Equal(ItemSources.Read(row).Order(), ItemSources.Read(restored[key]).Order());
            }
            var clash = (await services.GetRequiredService<CoverageQuery>().GetAsync(new CoverageRequest("border-clashes"))).Single(e => e.Url.EndsWith("/clashes"));
            Assert.Equal(["Example Wire", "Other"], clash.Sources.Order());
        }
    }

    [Fact]
    public async Task Since_limits_the_relink_to_newer_items()
    {
        var prefix = azurite.NewPrefix();
        var feed = new FeedSource(_server.Serve("a.xml", TestFeeds.Rss("A", TestFeeds.SeedStory())));
        using (var services = TestServices.Create(azurite, prefix)) await services.GetRequiredService<PollRunner>().RunAsync([feed]);

        using var strict = TestServices.Create(azurite, prefix, new Dictionary<string, string?> { ["Linking:MinTopicScore"] = "0.999" });
        var report = Assert.Single(await strict.GetRequiredService<Relinker>().RelinkAsync(null, TestFeeds.Date("2022-09-30T00:00:00Z")));
        Assert.Equal(2, report.ItemsRead); // the Iran item (1 Oct) and the football item (2 Oct)
        var left = await strict.GetRequiredService<CoverageQuery>().GetAsync(new CoverageRequest("border-clashes"));
        Assert.Contains(left, e => e.Url.EndsWith("/clashes")); // 21 Sept: untouched
        Assert.DoesNotContain(await strict.GetRequiredService<CoverageQuery>().GetAsync(new CoverageRequest("iran-caucasus")), e => e.Url.EndsWith("/iran"));
    }
}
