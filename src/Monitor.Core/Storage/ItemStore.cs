using Azure.Data.Tables;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;

namespace Monitor.Core.Storage;

/// <summary>
/// The Items table: every item once, partitioned by month of publication and one of 16 buckets of the item id
/// ("2026-12|a"): a cold pass writes a month's items into 16 partitions instead of one, so Azure's limit of
/// about 2,000 entities/s per partition is not the ceiling (docs/storage.md); a re-link still reads months as
/// one key range. Rows of the earlier month-only keys are moved by <see cref="MigrateKeysAsync"/>.
/// </summary>
public sealed class ItemStore(MonitorTables tables)
{
    /// <summary>The month part of partition keys: every partition of that month sorts at or after it.</summary>
    public static string MonthOf(DateTimeOffset published) => published.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Month and bucket: the first hex digit of the id, which is a hash, so items spread evenly.</summary>
    public static string PartitionOf(DateTimeOffset published, string itemId) => $"{MonthOf(published)}|{char.ToLowerInvariant(itemId[0])}";

    /// <summary>Upserts the items; returns the number of storage requests made.</summary>
    public async Task<int> SaveAsync(IEnumerable<FeedItem> items, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // Merged, not replaced: the same item from a second feed adds its source and keeps the first one's.
        return await TableBatch.UpsertAsync(tables.Items, items.Select(ToEntity), cancellationToken, merge: true).ConfigureAwait(false);
    }

    /// <summary>
    /// Items without a date of their own are dated when first seen. If such an item was stored by a pass that
    /// was cut off before its feed remembered it, keep the stored date, so its coverage rows keep their keys.
    /// One point read per new undated item; dated items cost nothing.
    /// </summary>
    public async Task<IReadOnlyList<FeedItem>> KeepFirstSeenDatesAsync(IReadOnlyList<FeedItem> items, CancellationToken cancellationToken = default)
    {
        if (items.All(i => i.HasPublishedDate)) return items;
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var result = items.ToArray();
        for (var i = 0; i < result.Length; i++)
        {
            var item = result[i];
            if (item.HasPublishedDate) continue;
            // The row sits in the month it was first seen: this one, or the last if the month just turned.
            foreach (var month in new[] { item.FirstSeen, item.FirstSeen.AddDays(-1) }.Select(d => PartitionOf(d, item.Id)).Distinct())
            {
                var stored = await tables.Items.GetEntityIfExistsAsync<TableEntity>(month, item.Id, ["Published", "FirstSeen"], cancellationToken).ConfigureAwait(false);
                if (!stored.HasValue || stored.Value!.GetDateTimeOffset("Published") is not { } published) continue;
                result[i] = item with { Published = published, FirstSeen = stored.Value.GetDateTimeOffset("FirstSeen") ?? published };
                break;
            }
        }
        return result;
    }

    /// <summary>Every stored item published at or after <paramref name="since"/> (all when null), month by month.</summary>
    public async IAsyncEnumerable<(FeedItem Item, TableEntity Row)> ReadAsync(DateTimeOffset? since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // Partitions are months, so "since" is a range over partition keys; the exact time is checked per row.
        var filter = since is { } s ? TableClient.CreateQueryFilter($"PartitionKey ge {MonthOf(s)}") : null;
        await foreach (var row in tables.Items.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var item = FromEntity(row);
            if (since is { } from && item.Published < from) continue;
            yield return (item, row);
        }
    }

    /// <summary>
    /// The stored item with this URL (as given, then canonicalised), or null. A filtered scan of the Items table:
    /// for `monitor explain`, not for hot paths.
    /// </summary>
    public async Task<FeedItem?> FindByUrlAsync(string url, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var candidate in new[] { url, UrlCanonicaliser.Canonicalise(url) }.OfType<string>().Distinct())
        {
            var filter = TableClient.CreateQueryFilter($"Url eq {candidate}");
            await foreach (var row in tables.Items.QueryAsync<TableEntity>(filter, maxPerPage: 10, cancellationToken: cancellationToken).ConfigureAwait(false))
                return FromEntity(row);
        }
        return null;
    }

    private static FeedItem FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        Url = e.GetString("Url") ?? "",
        Title = e.GetString("Title") ?? "",
        Summary = e.GetString("Summary") ?? "",
        Source = e.GetString("Source") ?? "",
        FeedUrl = e.GetString("FeedUrl") ?? "",
        Published = e.GetDateTimeOffset("Published") ?? DateTimeOffset.MinValue,
        HasPublishedDate = e.GetBoolean("HasPublishedDate") ?? true,
        FirstSeen = e.GetDateTimeOffset("FirstSeen") ?? DateTimeOffset.MinValue,
    };

    /// <summary>
    /// Moves rows stored under the month-only keys ("2026-12") to month-and-bucket keys: each row is upserted
    /// under its new key before the old one is deleted, so a migration cut off anywhere loses nothing and
    /// simply runs again. Returns the number of rows moved.
    /// </summary>
    public async Task<int> MigrateKeysAsync(CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var moved = 0;
        var page = new List<TableEntity>();
        // Old keys are exactly seven characters ("yyyy-MM"), new ones longer; read the old rows a page at a time.
        await foreach (var row in tables.Items.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.PartitionKey.Length != 7) continue;
            page.Add(row);
            if (page.Count == 1000) moved += await MoveAsync(page, cancellationToken).ConfigureAwait(false);
        }
        if (page.Count > 0) moved += await MoveAsync(page, cancellationToken).ConfigureAwait(false);
        return moved;
    }

    private async Task<int> MoveAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var copies = rows.Select(r =>
        {
            var copy = new TableEntity(r) { PartitionKey = $"{r.PartitionKey}|{char.ToLowerInvariant(r.RowKey[0])}", RowKey = r.RowKey, ETag = default };
            copy.Remove("odata.etag");
            copy.Remove("Timestamp");
            return copy;
        });
        await TableBatch.UpsertAsync(tables.Items, copies, cancellationToken, merge: true).ConfigureAwait(false);
        var deletes = rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), Azure.ETag.All));
        foreach (var chunk in TableBatch.Plan(deletes))
            await tables.Items.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        var count = rows.Count;
        rows.Clear();
        return count;
    }

    private static TableEntity ToEntity(FeedItem item) => new(PartitionOf(item.Published, item.Id), item.Id)
    {
        [ItemSources.PropertyOf(item)] = item.Source,
        ["Url"] = item.Url,
        ["Title"] = item.Title,
        ["Summary"] = item.Summary,
        ["Source"] = item.Source,
        ["FeedUrl"] = item.FeedUrl,
        ["Published"] = item.Published,
        ["HasPublishedDate"] = item.HasPublishedDate,
        ["FirstSeen"] = item.FirstSeen,
        ["Lang"] = LanguageIdentifier.Identify(item.Title, item.Summary),
    };

    /// <summary>
    /// Writes the language of stored items whose row has none or another (rows stored before languages were
    /// identified, or by an older identifier); only the Lang column is merged. Returns the storage requests made.
    /// </summary>
    public async Task<int> UpdateLanguagesAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken = default)
    {
        var changed = new List<ITableEntity>();
        foreach (var row in rows)
        {
            var lang = LanguageIdentifier.Identify(row.GetString("Title"), row.GetString("Summary"));
            if (row.GetString("Lang") != lang) changed.Add(new TableEntity(row.PartitionKey, row.RowKey) { ["Lang"] = lang });
        }
        return changed.Count == 0 ? 0 : await TableBatch.UpsertAsync(tables.Items, changed, cancellationToken, merge: true).ConfigureAwait(false);
    }
}
