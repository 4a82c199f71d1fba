using Azure.Data.Tables;
using Monitor.Core.Articles;
using Monitor.Core.Query;
using Monitor.Core.Storage;

namespace Monitor.Core.Digest;

/// <summary>The coverage a digest reports: items first seen in the period, with all their links.</summary>
public sealed record NewCoverage(IReadOnlyList<CoverageEntry> Entries, IReadOnlyDictionary<string, StoredLinks> Links);

/// <summary>
/// Reads the coverage first seen in a period, one range query per followed topic's partition. Rows are keyed by
/// publication time, but an item can be published long before a pass finds it, so the query reaches back by
/// Digest:MaxItemAge on the key and filters on FirstSeen (which the poller keeps from the item's first sight).
/// </summary>
public sealed class DigestCoverage(MonitorTables tables)
{
    public async Task<NewCoverage> ReadAsync(Article article, IEnumerable<string> topicIds, DateTimeOffset firstSeenFrom, DateTimeOffset firstSeenTo,
        DateTimeOffset publishedFrom, IReadOnlySet<ulong> exclude, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entries = new Dictionary<string, CoverageEntry>(StringComparer.Ordinal);
        var links = new Dictionary<string, StoredLinks>(StringComparer.Ordinal);
        foreach (var topicId in topicIds)
        {
            var partition = CoverageStore.TopicPartition(article.Id, topicId);
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey lt {CoverageStore.TimeKey(publishedFrom) + "|~"} and FirstSeen ge {firstSeenFrom} and FirstSeen lt {firstSeenTo}");
            await foreach (var row in tables.Coverage.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var itemId = row.GetString("ItemId") ?? "";
                if (itemId.Length < 16 || exclude.Contains(FeedState.SeenKey(itemId)) || entries.ContainsKey(itemId)) continue;
                var stored = StoredLinks.Parse(row.GetString("Links"));
                links[itemId] = stored;
                entries[itemId] = CoverageQuery.ToEntry(row, stored, topicId: null);
            }
        }
        var newestFirst = entries.Values.OrderByDescending(e => e.Published).ThenBy(e => e.ItemId, StringComparer.Ordinal).ToList();
        return new NewCoverage(newestFirst, links);
    }
}
