using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Monitor.Core.Storage;

/// <summary>How many coverage rows one partition holds for one day (UTC, by publication), and its newest and oldest row keys.</summary>
/// <param name="Partition">The coverage partition (<c>{article}|topic|{id}</c> or <c>{article}|claim|{id}</c>).</param>
/// <param name="Topics">For a claim's partition: the same per topic its rows name.</param>
public sealed record DayCount(string Partition, DateOnly Day, int Items, string Newest, string Oldest,
    IReadOnlyDictionary<string, TopicDayCount> Topics);

public sealed record TopicDayCount(int Items, string Newest, string Oldest);

/// <summary>
/// Stored counts of coverage (the Counts table): one row per (coverage partition, day), recounted exactly from the
/// coverage rows of that day after every write that touched it. A recount is not an increment, so a rerun, a
/// shard processed twice or a relink gives the same answer; rows are replaced ETag-checked, so of two concurrent
/// recounts the one that read last wins. Readers sum day rows: their cost grows with days, not with links.
/// </summary>
public sealed class CoverageCounts(MonitorTables tables)
{
    /// <summary>Written when an article's day rows were rebuilt from all its coverage (once, for coverage stored before counts existed).</summary>
    internal const string BuiltKey = "~built";
    private const int MaxAttempts = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Recounts every (partition, day) the coverage keys fall in; call after writing or deleting those rows.</summary>
    public async Task RecountAsync(IEnumerable<(string PartitionKey, string RowKey)> keys, CancellationToken cancellationToken = default)
    {
        var days = keys.Select(k => (k.PartitionKey, Day: DayOf(k.RowKey))).Where(d => d.Day is not null)
            .Select(d => (d.PartitionKey, Day: d.Day!.Value)).Distinct().ToList();
        if (days.Count == 0) return;
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // An article's day rows share one Counts partition: their ETags come in one query and their writes in transactions.
        foreach (var article in days.GroupBy(d => ArticleOf(d.PartitionKey)))
            await RecountArticleAsync(article.Key, article.ToList(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The day rows of an article (of one partition when given), rebuilt first if the article has never been counted.
    /// Costs one point read and one query per 1,000 day rows.
    /// </summary>
    public async Task<IReadOnlyList<DayCount>> ReadAsync(string articleId, string? partition = null, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var built = await tables.Counts.GetEntityIfExistsAsync<TableEntity>(articleId, BuiltKey, ["RowKey"], cancellationToken).ConfigureAwait(false);
        if (!built.HasValue) await RebuildAsync(articleId, cancellationToken).ConfigureAwait(false);
        return await DaysAsync(articleId, partition, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Recounts every day of the article that has coverage or a day row, then marks it built. Costs O(links), once.</summary>
    public async Task RebuildAsync(string articleId, CancellationToken cancellationToken = default)
    {
        var keys = await ArticleKeysAsync(tables, articleId, null, cancellationToken).ConfigureAwait(false);
        var counted = (await DaysAsync(articleId, null, cancellationToken).ConfigureAwait(false))
            .Select(d => (d.Partition, CoverageStore.RowKeyOf(new DateTimeOffset(d.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "")));
        await RecountAsync(keys.Concat(counted), cancellationToken).ConfigureAwait(false);
        await tables.Counts.UpsertEntityAsync(new TableEntity(articleId, BuiltKey) { ["At"] = DateTimeOffset.UtcNow }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The keys of an article's coverage rows published at or after <paramref name="since"/>, in every partition of it.</summary>
    internal static async Task<HashSet<(string PartitionKey, string RowKey)>> ArticleKeysAsync(MonitorTables tables, string articleId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var keys = new HashSet<(string, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey gt {articleId + "|"} and PartitionKey lt {articleId + "|~"}");
        var newest = since is { } s ? CoverageStore.TimeKey(s) + "|~" : null;
        await foreach (var row in tables.Coverage.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            if (newest is null || string.CompareOrdinal(row.RowKey, newest) < 0) keys.Add((row.PartitionKey, row.RowKey));
        return keys;
    }

    private async Task<IReadOnlyList<DayCount>> DaysAsync(string articleId, string? partition, CancellationToken ct)
    {
        var prefix = partition is null ? "" : RowPrefix(articleId, partition);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {articleId} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var days = new List<DayCount>();
        await foreach (var row in tables.Counts.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct).ConfigureAwait(false))
            if (FromEntity(row) is { } day) days.Add(day);
        return days;
    }

    private async Task RecountArticleAsync(string articleId, IReadOnlyList<(string Partition, DateOnly Day)> days, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Read the rows' ETags before counting: a recount that counted earlier than another's write cannot overwrite it.
            var current = await ETagsAsync(articleId, days, ct).ConfigureAwait(false);
            var actions = new List<TableTransactionAction>();
            // One day after another: a pass touches few days, and in parallel a flaky connection's retries pile up.
            foreach (var (partition, day) in days)
            {
                var rowKey = RowKeyOf(articleId, partition, day);
                var count = await CountDayAsync(partition, day, ct).ConfigureAwait(false);
                var counted = current.TryGetValue(rowKey, out var etag);
                if (count is null)
                {
                    if (counted) actions.Add(new(TableTransactionActionType.Delete, new TableEntity(articleId, rowKey), etag));
                }
                else
                    actions.Add(counted
                        ? new(TableTransactionActionType.UpdateReplace, ToEntity(articleId, rowKey, count), etag)
                        : new(TableTransactionActionType.Add, ToEntity(articleId, rowKey, count)));
            }
            try
            {
                foreach (var transaction in TableBatch.Plan(actions))
                    await tables.Counts.SubmitTransactionAsync(transaction, ct).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412 && attempt < MaxAttempts)
            {
                // Another recount of one of these days got there first: count again.
            }
        }
    }

    /// <summary>The ETags of the day rows in the span of days each partition touched: one range per partition, 20 ranges a query.</summary>
    private async Task<Dictionary<string, ETag>> ETagsAsync(string articleId, IReadOnlyList<(string Partition, DateOnly Day)> days, CancellationToken ct)
    {
        var ranges = days.GroupBy(d => d.Partition)
            .Select(g => (From: RowKeyOf(articleId, g.Key, g.Min(d => d.Day)), To: RowKeyOf(articleId, g.Key, g.Max(d => d.Day))))
            .ToList();
        var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
        foreach (var group in ranges.Chunk(20))
        {
            var filter = $"PartitionKey eq {Quote(articleId)} and ("
                + string.Join(" or ", group.Select(r => $"(RowKey ge {Quote(r.From)} and RowKey le {Quote(r.To)})")) + ")";
            await foreach (var row in tables.Counts.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct).ConfigureAwait(false))
                etags[row.RowKey] = row.ETag;
        }
        return etags;
    }

    private static string Quote(string value) => TableClient.CreateQueryFilter($"{value}");

    private static string ArticleOf(string partition) => partition[..Math.Max(0, partition.IndexOf('|'))];

    private static string RowKeyOf(string articleId, string partition, DateOnly day) =>
        RowPrefix(articleId, partition) + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Counts one day of one partition: a key-only range query (plus topics in a claim's partition).</summary>
    private async Task<DayCount?> CountDayAsync(string partition, DateOnly day, CancellationToken ct)
    {
        // Newest first: keys of the day lie from the inverted last tick of the day to the inverted first tick.
        var first = day.ToDateTime(TimeOnly.MinValue).Ticks;
        var last = Math.Min(first + TimeSpan.TicksPerDay - 1, DateTime.MaxValue.Ticks);
        var from = (DateTime.MaxValue.Ticks - last).ToString("D19", CultureInfo.InvariantCulture);
        var to = (DateTime.MaxValue.Ticks - first + 1).ToString("D19", CultureInfo.InvariantCulture);
        var isClaim = partition.Contains("|claim|", StringComparison.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        int n = 0;
        string? newest = null, oldest = null;
        var topics = new Dictionary<string, TopicDayCount>(StringComparer.Ordinal);
        await foreach (var row in tables.Coverage.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: isClaim ? ["RowKey", "Topics"] : ["RowKey"], cancellationToken: ct).ConfigureAwait(false))
        {
            n++;
            newest ??= row.RowKey;
            oldest = row.RowKey;
            if (!isClaim) continue;
            foreach (var topic in (row.GetString("Topics") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                topics[topic] = topics.TryGetValue(topic, out var t) ? t with { Items = t.Items + 1, Oldest = row.RowKey } : new(1, row.RowKey, row.RowKey);
        }
        return n == 0 ? null : new DayCount(partition, day, n, newest!, oldest!, topics);
    }

    private static string RowPrefix(string articleId, string partition) => partition[(articleId.Length + 1)..] + "|";

    private static DateOnly? DayOf(string rowKey) =>
        CoverageStore.PublishedOf(rowKey) is { } published ? DateOnly.FromDateTime(published.UtcDateTime) : null;

    private static TableEntity ToEntity(string articleId, string rowKey, DayCount count)
    {
        var row = new TableEntity(articleId, rowKey)
        {
            ["Partition"] = count.Partition,
            ["Day"] = count.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Items"] = count.Items,
            ["Newest"] = count.Newest,
            ["Oldest"] = count.Oldest,
        };
        // A claim's topics are few (its claims file lists them), so this stays far below 64 KiB.
        if (count.Topics.Count > 0) row["Topics"] = JsonSerializer.Serialize(count.Topics, Json);
        return row;
    }

    private static DayCount? FromEntity(TableEntity row) =>
        row.GetString("Partition") is { } partition && row.GetString("Day") is { } day
        && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DayCount(partition, date, row.GetInt32("Items") ?? 0, row.GetString("Newest") ?? "", row.GetString("Oldest") ?? "",
                row.GetString("Topics") is { Length: > 0 } json
                    ? JsonSerializer.Deserialize<Dictionary<string, TopicDayCount>>(json, Json) ?? []
                    : new Dictionary<string, TopicDayCount>())
            : null;
}
