using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Query;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Query;

/// <summary>A user-facing read costs O(page): one story carried thousands of times is not read whole.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BoundedReadTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Near_duplicates_of_one_story_do_not_make_a_page_read_the_whole_partition()
    {
        var requests = new StorageRequestCounter();
        using var services = TestServices.Create(azurite, configure: s => s.PostConfigure<StorageOptions>(o => o.ClientOptions = requests.ClientOptions()));
        var tables = services.GetRequiredService<MonitorTables>();
        await tables.EnsureCreatedAsync();
        var partition = CoverageStore.TopicPartition(Monitor.Tests.Api.ApiStory.Article, "border-clashes");
        var start = TestFeeds.Date("2023-05-01T12:00:00Z");
        // 3,000 copies of one story within a day: every one joins the first story shown.
        var rows = Enumerable.Range(0, 3000).Select(n =>
        {
            var published = start.AddSeconds(-n * 20);
            var id = $"{n:x32}";
            return new TableEntity(partition, CoverageStore.RowKeyOf(published, id))
            {
                ["ItemId"] = id, ["Url"] = $"https://copy{n}.example/story", ["Title"] = "Azerbaijani troops shell Armenian border villages",
                ["Summary"] = "Shelling near Jermuk.", ["Source"] = $"Copy {n}", ["Published"] = published, ["Score"] = 0.5, ["Links"] = "",
            };
        });
        await services.GetRequiredService<CoverageStore>().SaveRowsAsync(rows);

        var before = requests.Requests;
        var page = await services.GetRequiredService<CoverageQuery>().GetAsync(new CoverageRequest("border-clashes") { Limit = 3 });
        var story = Assert.Single(page);
        // Before: 3,000 rows in 57 requests. Now at most limit + 500 rows, 53 a request.
        Assert.True(requests.Requests - before <= 11, $"{requests.Requests - before} storage requests for one page");
        Assert.True(story.AlsoReported.Count < 3 + CoverageQuery.MaxExtraRows);
    }

    [Fact]
    public async Task A_topics_read_costs_the_same_few_requests_however_many_coverage_rows_exist()
    {
        var cost = new List<int>();
        foreach (var rows in new[] { 30, 3000 })
        {
            var requests = new StorageRequestCounter();
            using var services = TestServices.Create(azurite, configure: s => s.PostConfigure<StorageOptions>(o => o.ClientOptions = requests.ClientOptions()));
            var start = TestFeeds.Date("2023-05-01T12:00:00Z");
            // Rows over three days in one topic's and one claim's partition.
            var entities = new[] { CoverageStore.TopicPartition(Monitor.Tests.Api.ApiStory.Article, "border-clashes"),
                CoverageStore.ClaimPartition(Monitor.Tests.Api.ApiStory.Article, "C02") }
                .SelectMany(partition => Enumerable.Range(0, rows).Select(n =>
                {
                    var published = start.AddSeconds(-n * 3 * 86400.0 / rows);
                    return new TableEntity(partition, CoverageStore.RowKeyOf(published, $"{n:x32}"))
                    {
                        ["ItemId"] = $"{n:x32}", ["Title"] = $"Story {n}", ["Published"] = published, ["Topics"] = "border-clashes", ["Links"] = "",
                    };
                }));
            await services.GetRequiredService<CoverageStore>().SaveRowsAsync(entities);
            var query = services.GetRequiredService<CoverageQuery>();
            await query.SummariseAsync(); // the first read of an article rebuilds its counts once

            var before = requests.Requests;
            var summary = await query.SummariseAsync();
            cost.Add(requests.Requests - before);
            Console.WriteLine($"topics read over {rows} rows a partition: {cost[^1]} storage requests");
            Assert.Equal(rows, summary.CountOf("border-clashes"));
            Assert.Equal(rows, summary.CountOf("C02"));
            Assert.Equal(rows, summary.StatsOf("C02", "border-clashes").Items);
            Assert.Equal(start, summary.StatsOf("border-clashes").Latest);
        }
        // Before stored counts: one query per topic and claim, and one more per 1,000 rows (33 and 37 requests).
        // Now: the article's "built" marker and one query over its day rows.
        Assert.Equal(cost[0], cost[1]);
        Assert.True(cost[1] <= 2, $"{cost[1]} storage requests for one topics read");
    }
}
