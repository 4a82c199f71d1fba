using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Monitor.Core.Linking;

namespace Monitor.Core.Storage;

/// <summary>
/// The Coverage table: one row per (linked topic or claim, item). A partition holds one topic's or one claim's
/// coverage and row keys sort newest first, so "coverage of topic X since D" is one single-partition range query.
/// Each row carries everything a reader shows, so queries never join against Items. Every write marks the days
/// it touched (<see cref="CoverageCounts"/>), recounted once at the end of a pass or on the next read, so
/// summaries never read more coverage rows than changed.
/// </summary>
public sealed class CoverageStore(MonitorTables tables, CoverageCounts counts)
{
    /// <summary>Summaries are cut to this length in coverage rows; the full text stays in Items.</summary>
    public const int MaxSummaryChars = 1000;

    public static string TopicPartition(string articleId, string topicId) => $"{articleId}|topic|{topicId}";
    public static string ClaimPartition(string articleId, string claimId) => $"{articleId}|claim|{claimId}";

    /// <summary>Row keys sort ascending, so invert the time: the newest item gets the smallest key.</summary>
    public static string TimeKey(DateTimeOffset published) =>
        (DateTime.MaxValue.Ticks - published.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    public static string RowKeyOf(DateTimeOffset published, string itemId) => $"{TimeKey(published)}|{itemId}";

    /// <summary>The publication time a row key holds (null for none or a key of another shape).</summary>
    public static DateTimeOffset? PublishedOf(string? rowKey) =>
        rowKey is { Length: >= 19 } && long.TryParse(rowKey.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted)
            ? new DateTimeOffset(DateTime.MaxValue.Ticks - inverted, TimeSpan.Zero)
            : null;

    /// <summary>Upserts every row of the links, then marks their days for a recount; returns the number of coverage writes made.</summary>
    public Task<int> SaveAsync(IEnumerable<CoverageLink> links, CancellationToken cancellationToken = default) =>
        SaveRowsAsync(links.SelectMany(ToEntities), cancellationToken);

    /// <summary>
    /// The keys of all an article's coverage rows published at or after <paramref name="since"/>, in every
    /// partition of the article, including those of topics or claims since removed from its claims file.
    /// </summary>
    public Task<HashSet<(string PartitionKey, string RowKey)>> KeysAsync(string articleId, DateTimeOffset? since, CancellationToken cancellationToken = default) =>
        CoverageCounts.ArticleKeysAsync(tables, articleId, since, cancellationToken);

    /// <summary>Upserts whole rows (merged, so sources already recorded stay), then marks their days for a recount; returns the coverage writes made.</summary>
    public async Task<int> SaveRowsAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var list = rows.ToList();
        var requests = await TableBatch.UpsertAsync(tables.Coverage, list, cancellationToken, merge: true).ConfigureAwait(false);
        await counts.MarkAsync(list.Select(r => (r.PartitionKey, r.RowKey)), cancellationToken).ConfigureAwait(false);
        return requests;
    }

    /// <summary>Deletes rows by key in per-partition transactions, then marks their days for a recount; returns the coverage writes made.</summary>
    public async Task<int> DeleteAsync(IEnumerable<(string PartitionKey, string RowKey)> keys, CancellationToken cancellationToken = default)
    {
        var requests = 0;
        var list = keys.ToList();
        var actions = list.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.PartitionKey, k.RowKey), Azure.ETag.All));
        foreach (var chunk in TableBatch.Plan(actions))
        {
            await tables.Coverage.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
            requests++;
        }
        await counts.MarkAsync(list, cancellationToken).ConfigureAwait(false);
        return requests;
    }

    /// <summary>Recounts every day marked by writes (of every article), so the next reads find the counts ready.</summary>
    public Task SettleCountsAsync(CancellationToken cancellationToken = default) => counts.SettleAsync(null, cancellationToken);

    /// <summary>As <see cref="SettleCountsAsync"/>, but a storage failure is returned as its reason: the next read counts those days.</summary>
    public async Task<string?> TrySettleCountsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await counts.SettleAsync(null, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or StorageUnavailableException)
        {
            return e.Message.Split('\n')[0].Trim();
        }
    }

    public static IEnumerable<TableEntity> ToEntities(CoverageLink link)
    {
        var json = JsonSerializer.Serialize(StoredLinks.From(link), StoredLinks.JsonOptions);
        var rowKey = RowKeyOf(link.Item.Published, link.Item.Id);
        foreach (var topic in link.Topics)
            yield return Row(link, TopicPartition(link.ArticleId, topic.TopicId), rowKey, topic.Score, json);
        foreach (var claim in link.Claims)
            yield return Row(link, ClaimPartition(link.ArticleId, claim.ClaimId), rowKey, claim.Score, json);
    }

    private static TableEntity Row(CoverageLink link, string partition, string rowKey, double score, string json)
    {
        var item = link.Item;
        return new TableEntity(partition, rowKey)
        {
            [ItemSources.PropertyOf(item)] = item.Source,
            ["ItemId"] = item.Id,
            ["Url"] = item.Url,
            ["Title"] = item.Title,
            ["Summary"] = item.Summary.Length <= MaxSummaryChars ? item.Summary : item.Summary[..MaxSummaryChars] + "…",
            ["Source"] = item.Source,
            ["Published"] = item.Published,
            ["HasPublishedDate"] = item.HasPublishedDate,
            ["FirstSeen"] = item.FirstSeen,
            ["Topics"] = string.Join(',', link.Topics.Select(t => t.TopicId)),
            ["Score"] = score,
            ["Links"] = json,
            ["Lang"] = link.Lang,
        };
    }
}
