using Azure.Data.Tables;
using Monitor.Core.Feeds;

namespace Monitor.Core.Storage;

/// <summary>
/// The Items table: every item once, partitioned by month of publication (items of one pass share few
/// partitions, so they go in few transactions; a re-link reads whole months).
/// </summary>
public sealed class ItemStore(MonitorTables tables)
{
    public static string PartitionOf(DateTimeOffset published) => published.UtcDateTime.ToString("yyyy-MM");

    /// <summary>Upserts the items; returns the number of storage requests made.</summary>
    public async Task<int> SaveAsync(IEnumerable<FeedItem> items, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await TableBatch.UpsertAsync(tables.Items, items.Select(ToEntity), cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(FeedItem item) => new(PartitionOf(item.Published), item.Id)
    {
        ["Url"] = item.Url,
        ["Title"] = item.Title,
        ["Summary"] = item.Summary,
        ["Source"] = item.Source,
        ["FeedUrl"] = item.FeedUrl,
        ["Published"] = item.Published,
        ["HasPublishedDate"] = item.HasPublishedDate,
        ["FirstSeen"] = item.FirstSeen,
    };
}
