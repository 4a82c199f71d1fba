using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Monitor.Core.Linking;

namespace Monitor.Core.Storage;

/// <summary>
/// The Coverage table: one row per (linked topic or claim, item). A partition holds one topic's or one claim's
/// coverage and row keys sort newest first, so "coverage of topic X since D" is one single-partition range query.
/// Each row carries everything a reader shows, so queries never join against Items.
/// </summary>
public sealed class CoverageStore(MonitorTables tables)
{
    /// <summary>Summaries are cut to this length in coverage rows; the full text stays in Items.</summary>
    public const int MaxSummaryChars = 1000;

    public static string TopicPartition(string articleId, string topicId) => $"{articleId}|topic|{topicId}";
    public static string ClaimPartition(string articleId, string claimId) => $"{articleId}|claim|{claimId}";

    /// <summary>Row keys sort ascending, so invert the time: the newest item gets the smallest key.</summary>
    public static string TimeKey(DateTimeOffset published) =>
        (DateTime.MaxValue.Ticks - published.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    public static string RowKeyOf(DateTimeOffset published, string itemId) => $"{TimeKey(published)}|{itemId}";

    /// <summary>Upserts every row of the links; returns the number of storage requests made.</summary>
    public async Task<int> SaveAsync(IEnumerable<CoverageLink> links, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await TableBatch.UpsertAsync(tables.Coverage, links.SelectMany(ToEntities), cancellationToken, merge: true).ConfigureAwait(false);
    }

    internal static IEnumerable<TableEntity> ToEntities(CoverageLink link)
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
        };
    }
}

/// <summary>The links of one item as stored in every coverage row of it (JSON): topics and claims with score and evidence.</summary>
public sealed record StoredLinks(IReadOnlyList<StoredLink> Topics, IReadOnlyList<StoredLink> Claims)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static StoredLinks From(CoverageLink link) => new(
        link.Topics.Select(t => new StoredLink(t.TopicId, t.Score, t.Evidence.Terms, t.Evidence.Sentence)).ToList(),
        link.Claims.Select(c => new StoredLink(c.ClaimId, c.Score, c.Evidence.Terms, c.Evidence.Sentence)).ToList());

    public static StoredLinks Parse(string? json) =>
        (string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<StoredLinks>(json, JsonOptions)) ?? new([], []);
}

public sealed record StoredLink(string Id, double Score, IReadOnlyList<string> Terms, string Sentence);
