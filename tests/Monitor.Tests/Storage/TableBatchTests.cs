using Azure.Data.Tables;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Storage;

/// <summary>Azurite accepts transactions Azure rejects; these prove our code never sends one.</summary>
public class TableBatchTests
{
    private static TableTransactionAction Upsert(string pk, string rk, string? payload = null) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(pk, rk) { ["P"] = payload ?? "x" });

    [Fact]
    public void A_transaction_across_partitions_is_rejected()
    {
        var e = Assert.Throws<InvalidOperationException>(() => TableBatch.Validate([Upsert("a", "1"), Upsert("b", "1")]));
        Assert.Contains("partitions", e.Message);
    }

    [Fact]
    public void A_transaction_of_101_actions_is_rejected()
    {
        var actions = Enumerable.Range(0, 101).Select(i => Upsert("a", i.ToString())).ToList();
        var e = Assert.Throws<InvalidOperationException>(() => TableBatch.Validate(actions));
        Assert.Contains("101", e.Message);
    }

    [Fact]
    public void A_transaction_touching_one_row_twice_is_rejected_and_upserts_merge_such_rows_first()
    {
        Assert.Throws<InvalidOperationException>(() => TableBatch.Validate([Upsert("a", "1"), Upsert("a", "1")]));
        var merged = TableBatch.MergeSameKeys(
        [
            new TableEntity("a", "1") { ["Src_one"] = "Reuters", ["Title"] = "first" },
            new TableEntity("a", "2"),
            new TableEntity("a", "1") { ["Src_two"] = "AP", ["Title"] = "second" },
        ]).Cast<TableEntity>().ToList();
        Assert.Equal(["1", "2"], merged.Select(e => e.RowKey));
        Assert.Equal(("Reuters", "AP", "second"), (merged[0].GetString("Src_one"), merged[0].GetString("Src_two"), merged[0].GetString("Title")));
    }

    [Fact]
    public void Plans_split_by_partition_by_100_and_by_size()
    {
        var actions = Enumerable.Range(0, 250).Select(i => Upsert(i % 2 == 0 ? "even" : "odd", i.ToString("D4"))).ToList();
        var plan = TableBatch.Plan(actions).ToList();
        Assert.Equal([100, 25, 100, 25], plan.Select(p => p.Count));
        Assert.All(plan, t => Assert.Single(t.Select(a => a.Entity.PartitionKey).Distinct()));

        var big = new string('x', 30_000); // ~60 KB estimated each: 4 MiB fits about 60 of them
        var heavy = TableBatch.Plan(Enumerable.Range(0, 100).Select(i => Upsert("a", i.ToString(), big))).ToList();
        Assert.True(heavy.Count >= 2);
        Assert.All(heavy, t => Assert.True(t.Sum(a => TableBatch.EstimateBytes(a.Entity)) <= TableBatch.MaxBytes));
    }
}

[Collection(AzuriteCollection.Name)]
public class TableBatchAzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Upserting_many_rows_over_partitions_stores_each_once()
    {
        var tables = azurite.Tables();
        await tables.EnsureCreatedAsync();
        var entities = Enumerable.Range(0, 330).Select(i => new TableEntity($"p{i % 3}", i.ToString("D4")) { ["N"] = i }).ToList();
        var requests = await TableBatch.UpsertAsync(tables.Items, entities, CancellationToken.None);
        Assert.Equal(6, requests); // 110 rows in each of 3 partitions: 100 + 10 each
        await TableBatch.UpsertAsync(tables.Items, entities, CancellationToken.None);
        var stored = new List<TableEntity>();
        await foreach (var e in tables.Items.QueryAsync<TableEntity>()) stored.Add(e);
        Assert.Equal(330, stored.Count);
    }
}
