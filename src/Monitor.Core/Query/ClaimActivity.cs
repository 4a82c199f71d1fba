using System.Globalization;
using Azure.Data.Tables;
using Monitor.Core.Articles;
using Monitor.Core.Storage;

namespace Monitor.Core.Query;

/// <summary>How many items were linked to one ISO 8601 week (Monday to Sunday, UTC).</summary>
public sealed record WeekCount(int Year, int Week, DateOnly Start, int Items)
{
    public string Name => $"{Year:D4}-W{Week:D2}";
}

/// <summary>A claim's coverage at a glance: counts (in all, and per topic), the first and latest items, items per week.</summary>
public sealed record ClaimActivity(
    Article Article, Claim Claim, int Items, IReadOnlyDictionary<string, int> ItemsPerTopic,
    RelatedItem? First, RelatedItem? Latest, IReadOnlyList<WeekCount> Weeks);

/// <summary>Reads <see cref="ClaimActivity"/>: one query over the claim's partition (row keys and topics only), then two point reads.</summary>
public sealed class ClaimActivityQuery(MonitorTables tables, ArticleCatalog catalog)
{
    private static readonly string[] KeysAndTopics = ["RowKey", "Topics"];
    private static readonly string[] ItemColumns = ["Url", "Title", "Source", "Published"];

    public async Task<ClaimActivity> GetAsync(string claimId, string? articleId = null, CancellationToken cancellationToken = default)
    {
        var article = catalog.Get(articleId);
        var claim = article.FindClaim(claimId) ?? throw new MonitorInputException(
            $"unknown claim '{claimId}'; known claims: {string.Join(", ", article.Claims.Select(c => c.Id))}");
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partition = CoverageStore.ClaimPartition(article.Id, claim.Id);

        var items = 0;
        string? newest = null, oldest = null;
        var perTopic = claim.TopicIds.ToDictionary(t => t, _ => 0, StringComparer.Ordinal);
        var weeks = new SortedDictionary<(int Year, int Week), int>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in tables.Coverage.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: KeysAndTopics, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items++;
            newest ??= row.RowKey;
            oldest = row.RowKey;
            foreach (var topic in (row.GetString("Topics") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                if (perTopic.ContainsKey(topic)) perTopic[topic]++;
            // The row key alone says when the item was published.
            if (CoverageStore.PublishedOf(row.RowKey) is { } published)
            {
                var week = (ISOWeek.GetYear(published.UtcDateTime), ISOWeek.GetWeekOfYear(published.UtcDateTime));
                weeks[week] = weeks.GetValueOrDefault(week) + 1;
            }
        }
        var timeline = weeks.Select(w => new WeekCount(w.Key.Year, w.Key.Week,
            DateOnly.FromDateTime(ISOWeek.ToDateTime(w.Key.Year, w.Key.Week, DayOfWeek.Monday)), w.Value)).ToList();
        return new ClaimActivity(article, claim, items, perTopic,
            await ItemAsync(partition, oldest, cancellationToken).ConfigureAwait(false),
            await ItemAsync(partition, newest, cancellationToken).ConfigureAwait(false),
            timeline);
    }

    private async Task<RelatedItem?> ItemAsync(string partition, string? rowKey, CancellationToken cancellationToken)
    {
        if (rowKey is null) return null;
        var row = await tables.Coverage.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, ItemColumns, cancellationToken).ConfigureAwait(false);
        if (!row.HasValue) return null; // removed by a relink since the query
        var e = row.Value!;
        return new RelatedItem(e.GetString("Url") ?? "", e.GetString("Title") ?? "", e.GetString("Source") ?? "",
            e.GetDateTimeOffset("Published") ?? CoverageStore.PublishedOf(rowKey) ?? DateTimeOffset.MinValue);
    }
}
