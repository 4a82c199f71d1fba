using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Query;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Query;

/// <summary>Writes only mark the days they touch; counts are made once, later, and stay exact under concurrent writes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MarkedCountsTests(AzuriteFixture azurite)
{
    private static readonly string Partition = CoverageStore.TopicPartition(Monitor.Tests.Api.ApiStory.Article, "border-clashes");
    private static readonly DateTimeOffset Start = TestFeeds.Date("2023-05-01T20:00:00Z");

    /// <summary>Rows <paramref name="from"/> to <paramref name="from"/> + count - 1 of one topic, all on one day.</summary>
    private static IEnumerable<TableEntity> Rows(int from, int count) => Enumerable.Range(from, count).Select(n =>
    {
        var published = Start.AddSeconds(-n);
        return new TableEntity(Partition, CoverageStore.RowKeyOf(published, $"{n:x32}"))
        {
            ["ItemId"] = $"{n:x32}", ["Title"] = $"Story {n}", ["Published"] = published, ["Links"] = "",
        };
    });

    [Fact]
    public async Task A_write_costs_the_same_however_many_rows_its_day_already_holds()
    {
        var requests = new StorageRequestCounter();
        using var services = TestServices.Create(azurite, configure: s => s.PostConfigure<StorageOptions>(o => o.ClientOptions = requests.ClientOptions()));
        var store = services.GetRequiredService<CoverageStore>();
        var cost = new List<int>();
        for (var batch = 0; batch < 10; batch++)
        {
            var before = requests.Requests;
            await store.SaveRowsAsync(Rows(batch * 200, 200));
            cost.Add(requests.Requests - before);
        }
        // Recounting on every write read the whole day each time: the tenth batch read 1,800 rows more than the first.
        Assert.Equal(cost[1], cost[^1]);
        var summary = await services.GetRequiredService<CoverageQuery>().SummariseAsync();
        Assert.Equal(2000, summary.CountOf("border-clashes"));
    }

    [Fact]
    public async Task Counts_made_while_writers_keep_marking_the_same_day_end_exact()
    {
        using var services = TestServices.Create(azurite);
        var store = services.GetRequiredService<CoverageStore>();
        var query = services.GetRequiredService<CoverageQuery>();
        await query.SummariseAsync(); // marks the article built, so later reads only recount marked days
        using var done = new CancellationTokenSource();
        // Readers and settles race the writers: a count made before a write lands must not be stored as settled.
        var settling = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await store.SettleCountsAsync();
                await query.SummariseAsync();
            }
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, 20), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (writer, ct) => await store.SaveRowsAsync(Rows(writer * 50, 50), ct));
        await done.CancelAsync();
        await settling;

        Assert.Equal(1000, (await query.SummariseAsync()).CountOf("border-clashes"));
        await store.SettleCountsAsync();
        var tables = services.GetRequiredService<MonitorTables>();
        var marked = 0;
        await foreach (var row in tables.Counts.QueryAsync<TableEntity>())
            if (row.ContainsKey("Dirty")) marked++;
        Assert.Equal(0, marked);
        Assert.Equal(1000, (await query.SummariseAsync()).CountOf("border-clashes"));
    }

    [Fact]
    public async Task A_settle_after_writes_leaves_the_day_counted_and_unmarked_without_a_read()
    {
        using var services = TestServices.Create(azurite);
        var store = services.GetRequiredService<CoverageStore>();
        await store.SaveRowsAsync(Rows(0, 40));
        var tables = services.GetRequiredService<MonitorTables>();
        Assert.Single(await DayRowsAsync(tables), r => r.ContainsKey("Dirty"));

        await store.SettleCountsAsync();
        var day = Assert.Single(await DayRowsAsync(tables));
        Assert.False(day.ContainsKey("Dirty"));
        Assert.Equal(40, day.GetInt32("Items"));
    }

    private static async Task<List<TableEntity>> DayRowsAsync(MonitorTables tables)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Counts.QueryAsync<TableEntity>())
            if (row.RowKey != "~built") rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task Deleting_a_days_last_rows_removes_its_count_at_the_next_settle()
    {
        using var services = TestServices.Create(azurite);
        var store = services.GetRequiredService<CoverageStore>();
        var query = services.GetRequiredService<CoverageQuery>();
        var rows = Rows(0, 30).ToList();
        await store.SaveRowsAsync(rows);
        Assert.Equal(30, (await query.SummariseAsync()).CountOf("border-clashes"));
        await store.DeleteAsync(rows.Select(r => (r.PartitionKey, r.RowKey)));
        await store.SettleCountsAsync();
        var tables = services.GetRequiredService<MonitorTables>();
        var dayRows = 0;
        await foreach (var row in tables.Counts.QueryAsync<TableEntity>())
            if (row.RowKey != "~built") dayRows++;
        Assert.Equal(0, dayRows);
        Assert.Equal(0, (await query.SummariseAsync()).CountOf("border-clashes"));
    }
}
