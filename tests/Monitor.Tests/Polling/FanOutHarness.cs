using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Polling;

/// <summary>
/// Feeds on two loopback hosts, each with items of the seed story (one item carried by two feeds), and the keys a
/// clean single-process pass stores for them: what every fan-out case must end with.
/// </summary>
public sealed class FanOutHarness : IDisposable
{
    public const int FeedsPerHost = 4;
    private readonly FeedServer[] _hosts = [new(), new()];

    public FanOutHarness()
    {
        var feeds = new List<FeedSource>();
        for (var h = 0; h < _hosts.Length; h++)
            for (var f = 0; f < FeedsPerHost; f++)
            {
                var n = h * FeedsPerHost + f;
                var items = TestFeeds.SeedStory().Select((item, i) => i == 0 ? item : item with { Link = $"{item.Link}-{n}" }).ToArray();
                feeds.Add(new FeedSource(_hosts[h].Serve($"feed{n}.xml", TestFeeds.Rss($"Wire {n}", items), etag: $"\"{n}\"")));
            }
        Feeds = feeds;
    }

    public IReadOnlyList<FeedSource> Feeds { get; }

    public int Requests => _hosts.Sum(h => h.Requests);

    /// <summary>The polling settings of the fan-out tests: shards of one host each, fast retries.</summary>
    public static Dictionary<string, string?> Settings(TimeSpan? visibility = null, int maxDequeue = 5) => new()
    {
        ["Polling:ShardFeeds"] = FeedsPerHost.ToString(),
        ["Polling:VisibilityTimeout"] = (visibility ?? TimeSpan.FromMinutes(2)).ToString(),
        ["Polling:RetryDelay"] = "00:00:00",
        ["Polling:MaxDequeueCount"] = maxDequeue.ToString(),
        ["Polling:IdleDelay"] = "00:00:00.100",
    };

    /// <summary>Every key of Items and Coverage, and every feed's key with the ids it remembers.</summary>
    public static async Task<SortedSet<string>> KeysAsync(MonitorTables tables)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, table) in new[] { ("Items", tables.Items), ("Coverage", tables.Coverage) })
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                keys.Add($"{name} {row.PartitionKey} {row.RowKey}");
        await foreach (var row in tables.Feeds.QueryAsync<TableEntity>())
        {
            var seen = FeedState.ReadSeen(row.GetBinary("Seen")).Order();
            keys.Add($"Feeds {row.RowKey} seen {string.Join(',', seen)} failing {row.GetInt32("ConsecutiveFailures")} leased {row.GetDateTimeOffset("LeaseUntil") is not null}");
        }
        return keys;
    }

    /// <summary>The keys of a clean single-process pass over the feeds, in tables of its own.</summary>
    public async Task<SortedSet<string>> CleanKeysAsync(AzuriteFixture azurite)
    {
        using var services = TestServices.Create(azurite);
        var report = await services.GetRequiredService<PollRunner>().RunAsync(Feeds);
        Assert.Equal(Feeds.Count, report.FeedsOk);
        var keys = await KeysAsync(services.GetRequiredService<MonitorTables>());
        Assert.Contains(keys, k => k.StartsWith("Coverage ", StringComparison.Ordinal));
        return keys;
    }

    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
    }
}
