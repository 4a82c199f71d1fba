using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Core.Polling;
using Monitor.Core.Query;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Query;

/// <summary>The stored day counts behind summaries stay equal to a full count of coverage: after passes, reruns and relinks.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StoredCountsTests(AzuriteFixture azurite) : IDisposable
{
    private const string Article = "cradle-2022-09-armenia-azerbaijan";
    private readonly FeedServer _server = new();

    public void Dispose() => _server.Dispose();

    /// <summary>What the summary said before counts were stored: every coverage row of every topic and claim, counted.</summary>
    private static async Task<Dictionary<string, LinkCount>> FullCountAsync(IServiceProvider services)
    {
        var tables = services.GetRequiredService<MonitorTables>();
        var rows = new Dictionary<string, List<(string RowKey, string Topics)>>();
        await foreach (var row in tables.Coverage.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Topics"]))
        {
            if (!rows.TryGetValue(row.PartitionKey, out var list)) rows[row.PartitionKey] = list = [];
            list.Add((row.RowKey, row.GetString("Topics") ?? ""));
        }
        var article = services.GetRequiredService<Monitor.Core.Articles.ArticleCatalog>().Get(Article);
        var counts = new Dictionary<string, LinkCount>();
        void Add(string key, IEnumerable<string> keys)
        {
            var sorted = keys.Order(StringComparer.Ordinal).ToList();
            counts[key] = sorted.Count == 0 ? LinkCount.None
                : new(sorted.Count, CoverageStore.PublishedOf(sorted[^1]), CoverageStore.PublishedOf(sorted[0]));
        }
        foreach (var t in article.Topics) Add(t.Id, rows.GetValueOrDefault(CoverageStore.TopicPartition(Article, t.Id))?.Select(r => r.RowKey) ?? []);
        foreach (var c in article.Claims)
        {
            var own = rows.GetValueOrDefault(CoverageStore.ClaimPartition(Article, c.Id)) ?? [];
            Add(c.Id, own.Select(r => r.RowKey));
            foreach (var t in c.TopicIds) Add($"{c.Id}@{t}", own.Where(r => r.Topics.Split(',').Contains(t)).Select(r => r.RowKey));
        }
        return counts;
    }

    private static async Task<Dictionary<string, LinkCount>> SummaryAsync(IServiceProvider services)
    {
        var summary = await services.GetRequiredService<CoverageQuery>().SummariseAsync(Article);
        var counts = new Dictionary<string, LinkCount>();
        foreach (var t in summary.Article.Topics) counts[t.Id] = summary.StatsOf(t.Id);
        foreach (var c in summary.Article.Claims)
        {
            counts[c.Id] = summary.StatsOf(c.Id);
            foreach (var t in c.TopicIds) counts[$"{c.Id}@{t}"] = summary.StatsOf(c.Id, t);
        }
        return counts;
    }

    private static async Task<List<string>> CountRowsAsync(MonitorTables tables)
    {
        var rows = new List<string>();
        await foreach (var row in tables.Counts.QueryAsync<TableEntity>())
            if (row.RowKey != "~built") rows.Add($"{row.RowKey}={row.GetInt32("Items")}/{row.GetString("Newest")}/{row.GetString("Oldest")}/{row.GetString("Topics")}");
        return rows.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task AssertEqualToFullCountAsync(IServiceProvider services)
    {
        var full = await FullCountAsync(services);
        var stored = await SummaryAsync(services);
        Assert.Equal(full.OrderBy(p => p.Key, StringComparer.Ordinal), stored.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private FeedSource[] Feeds() =>
    [
        new FeedSource(_server.Serve("a.xml", TestFeeds.Rss("A", TestFeeds.SeedStory()))),
        new FeedSource(_server.Serve("b.xml", TestFeeds.Rss("B", TestFeeds.SeedStory().Take(2).Select(i => i with { Source = "Other" }).ToArray()))),
    ];

    [Fact]
    public async Task Counts_equal_a_full_count_after_passes_and_a_rerun_of_a_cut_off_pass_leaves_them_unchanged()
    {
        using var services = TestServices.Create(azurite);
        var tables = services.GetRequiredService<MonitorTables>();
        var feeds = Feeds();
        await services.GetRequiredService<PollRunner>().RunAsync(feeds);
        await services.GetRequiredService<CoverageQuery>().SummariseAsync(Article); // the first read marks the article built
        await services.GetRequiredService<PollRunner>().RunAsync(feeds);
        var summary = await SummaryAsync(services);
        Assert.True(summary["border-clashes"].Items > 0);
        await AssertEqualToFullCountAsync(services);
        var rows = await CountRowsAsync(tables);
        Assert.NotEmpty(rows);

        // A pass cut off before its feed state is saved stores the same links again, twice: no count moves.
        var items = ItemNormaliser.Normalise(FeedParser.Parse(await new HttpClient().GetByteArrayAsync(feeds[0].Url)), feeds[0], DateTimeOffset.UtcNow);
        var links = items.SelectMany(services.GetRequiredService<Linker>().Link).ToList();
        Assert.NotEmpty(links);
        await services.GetRequiredService<CoverageStore>().SaveAsync(links);
        await services.GetRequiredService<CoverageStore>().SaveAsync(links);
        Assert.Equal(rows, await CountRowsAsync(tables));
        Assert.Equal(summary, await SummaryAsync(services));
    }

    [Fact]
    public async Task Relinking_updates_the_counts_and_rebuilds_counts_that_were_never_stored()
    {
        var prefix = azurite.NewPrefix();
        Dictionary<string, LinkCount> before;
        using (var services = TestServices.Create(azurite, prefix))
        {
            await services.GetRequiredService<PollRunner>().RunAsync(Feeds());
            before = await SummaryAsync(services);
            Assert.True(before["border-clashes"].Items > 0);
            await AssertEqualToFullCountAsync(services);
        }

        using (var strict = TestServices.Create(azurite, prefix, new Dictionary<string, string?> { ["Linking:MinTopicScore"] = "0.999" }))
        {
            await strict.GetRequiredService<Relinker>().RelinkAsync(null, null);
            Assert.All(await SummaryAsync(strict), p => Assert.Equal(LinkCount.None, p.Value));
            Assert.Empty(await CountRowsAsync(strict.GetRequiredService<MonitorTables>()));
        }

        using (var services = TestServices.Create(azurite, prefix))
        {
            await services.GetRequiredService<Relinker>().RelinkAsync(null, null);
            Assert.Equal(before, await SummaryAsync(services));
            await AssertEqualToFullCountAsync(services);

            // Coverage stored before counts existed: no day rows and no marker. The first read rebuilds them.
            var tables = services.GetRequiredService<MonitorTables>();
            await foreach (var row in tables.Counts.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                await tables.Counts.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            Assert.Equal(before, await SummaryAsync(services));
            Assert.NotEmpty(await CountRowsAsync(tables));
        }
    }

    [Fact]
    public async Task Claim_activity_comes_from_the_stored_counts()
    {
        using var services = TestServices.Create(azurite);
        await services.GetRequiredService<PollRunner>().RunAsync(Feeds());
        var full = await FullCountAsync(services);
        var summary = await services.GetRequiredService<CoverageQuery>().SummariseAsync(Article);
        var claim = summary.Article.Claims.First(c => full[c.Id].Items > 0);
        var activity = await services.GetRequiredService<ClaimActivityQuery>().GetAsync(claim.Id, Article);
        Assert.Equal(full[claim.Id].Items, activity.Items);
        Assert.Equal(full[claim.Id].Items, activity.Weeks.Sum(w => w.Items));
        foreach (var t in claim.TopicIds) Assert.Equal(full[$"{claim.Id}@{t}"].Items, activity.ItemsPerTopic[t]);
        Assert.Equal(full[claim.Id].First, activity.First?.Published);
        Assert.Equal(full[claim.Id].Latest, activity.Latest?.Published);
    }
}
