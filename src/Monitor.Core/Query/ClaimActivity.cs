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

/// <summary>Reads <see cref="ClaimActivity"/>: the claim's stored day counts (one query per 1,000 days), then two point reads.</summary>
public sealed class ClaimActivityQuery(MonitorTables tables, ArticleCatalog catalog, CoverageCounts stored)
{
    private static readonly string[] ItemColumns = ["Url", "Title", "Source", "Published"];

    public async Task<ClaimActivity> GetAsync(string claimId, string? articleId = null, CancellationToken cancellationToken = default)
    {
        var article = catalog.Get(articleId);
        var claim = article.FindClaim(claimId) ?? throw new MonitorInputException(
            $"unknown claim '{claimId}'; known claims: {string.Join(", ", article.Claims.Select(c => c.Id))}");
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partition = CoverageStore.ClaimPartition(article.Id, claim.Id);

        var all = new CountSpan();
        var perTopic = claim.TopicIds.ToDictionary(t => t, _ => 0, StringComparer.Ordinal);
        var weeks = new SortedDictionary<(int Year, int Week), int>();
        foreach (var day in await stored.ReadAsync(article.Id, partition, cancellationToken).ConfigureAwait(false))
        {
            all.Add(day.Items, day.Newest, day.Oldest);
            foreach (var (topic, t) in day.Topics)
                if (perTopic.ContainsKey(topic)) perTopic[topic] += t.Items;
            var date = day.Day.ToDateTime(TimeOnly.MinValue);
            var week = (ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
            weeks[week] = weeks.GetValueOrDefault(week) + day.Items;
        }
        var timeline = weeks.Select(w => new WeekCount(w.Key.Year, w.Key.Week,
            DateOnly.FromDateTime(ISOWeek.ToDateTime(w.Key.Year, w.Key.Week, DayOfWeek.Monday)), w.Value)).ToList();
        return new ClaimActivity(article, claim, all.Items, perTopic,
            await ItemAsync(partition, all.Oldest, cancellationToken).ConfigureAwait(false),
            await ItemAsync(partition, all.Newest, cancellationToken).ConfigureAwait(false),
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
