using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Storage;

/// <summary>Items under the old month-only keys move to month-and-bucket keys, losing and doubling nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ItemKeyMigrationTests(AzuriteFixture azurite)
{
    private static FeedItem Item(int n) => new()
    {
        Id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n)))[..32],
        Url = $"https://news.example/{n}", Title = $"Item {n}", Summary = "text", Source = "Wire", FeedUrl = "https://news.example/rss",
        Published = new DateTimeOffset(2026, 11, 1 + n % 28, 8, 0, 0, TimeSpan.Zero), FirstSeen = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task Old_month_keys_move_to_bucketed_keys_and_a_second_run_moves_nothing()
    {
        using var services = TestServices.Create(azurite);
        var store = services.GetRequiredService<ItemStore>();
        var tables = services.GetRequiredService<MonitorTables>();
        await tables.EnsureCreatedAsync();
        var items = Enumerable.Range(0, 250).Select(Item).ToList();
        await store.SaveAsync(items.Take(50)); // already new keys
        // Rows as the earlier key scheme wrote them: partition = month only.
        foreach (var item in items.Skip(50))
            await tables.Items.UpsertEntityAsync(new TableEntity(ItemStore.MonthOf(item.Published), item.Id) { ["Title"] = item.Title, ["Url"] = item.Url, ["Published"] = item.Published });

        Assert.Equal(200, await store.MigrateKeysAsync());
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Items.QueryAsync<TableEntity>()) rows.Add(row);
        Assert.Equal(250, rows.Count);
        Assert.All(rows, r => Assert.Equal(ItemStore.PartitionOf(r.GetDateTimeOffset("Published")!.Value, r.RowKey), r.PartitionKey));
        Assert.Equal(items.Select(i => i.Title).Order(), rows.Select(r => r.GetString("Title")).Order());
        Assert.True(rows.Select(r => r.PartitionKey).Distinct().Count() > 8, "items spread over the month's buckets");
        Assert.Equal(0, await store.MigrateKeysAsync());

        var read = new List<FeedItem>();
        await foreach (var (item, _) in store.ReadAsync(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))) read.Add(item);
        Assert.Equal(250, read.Count);
    }
}
