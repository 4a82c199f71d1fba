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
/// Stored counts of coverage (the Counts table): one row per (coverage partition, day), counted exactly from the
/// coverage rows of that day. A write only marks the days it touched (a merge of a fresh <c>Dirty</c> stamp into
/// their rows, one transaction per article); the next read, or the end of a pass, recounts the marked days once.
/// Recounting on every write made a cold pass quadratic: each batch re-read every row of the day so far.
/// A recount is not an increment, so a rerun, a shard processed twice or a relink gives the same answer. It is
/// written ETag-checked against the marked row it read, so a day marked again while it was being counted stays
/// marked. Readers sum day rows: their cost grows with days, not with links.
/// </summary>
public sealed class CoverageCounts(MonitorTables tables)
{
    /// <summary>Written when an article's day rows were rebuilt from all its coverage (once, for coverage stored before counts existed).</summary>
    internal const string BuiltKey = "~built";
    private const string DirtyProperty = "Dirty";
    private const string DayFormat = "yyyy-MM-dd";
    private const int MaxAttempts = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Marks every (partition, day) the coverage keys fall in as needing a recount; call after writing or deleting those rows.</summary>
    public Task MarkAsync(IEnumerable<(string PartitionKey, string RowKey)> keys, CancellationToken cancellationToken = default) =>
        MarkDaysAsync(keys.Select(k => (k.PartitionKey, Day: DayOf(k.RowKey))).Where(d => d.Day is not null).Select(d => (d.PartitionKey, d.Day!.Value)), cancellationToken);

    private async Task MarkDaysAsync(IEnumerable<(string Partition, DateOnly Day)> days, CancellationToken ct)
    {
        var stamp = Guid.NewGuid().ToString("N");
        var marks = days.Distinct().Select(d =>
        {
            var article = ArticleOf(d.Partition);
            return new TableEntity(article, RowKeyOf(article, d.Partition, d.Day))
            {
                ["Partition"] = d.Partition,
                ["Day"] = d.Day.ToString(DayFormat, CultureInfo.InvariantCulture),
                [DirtyProperty] = stamp,
            };
        }).ToList();
        if (marks.Count == 0) return;
        await tables.EnsureCreatedAsync(ct).ConfigureAwait(false);
        await TableBatch.UpsertAsync(tables.Counts, marks, ct, merge: true).ConfigureAwait(false);
    }

    /// <summary>Recounts every marked day of an article (of every article when null); retried while other writers mark them again.</summary>
    public async Task SettleAsync(string? articleId = null, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var marked = new List<TableEntity>();
            // Only marked rows come back: a row without the property fails the comparison on the server.
            var filter = (articleId is null ? "" : TableClient.CreateQueryFilter($"PartitionKey eq {articleId}") + " and ") + $"{DirtyProperty} ge ''";
            await foreach (var row in tables.Counts.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
                if (IsMarked(row)) marked.Add(row);
            var (_, settled) = await SettleRowsAsync(marked, cancellationToken).ConfigureAwait(false);
            if (settled || attempt == MaxAttempts) return;
        }
    }

    /// <summary>
    /// The day rows of an article (of one partition when given), rebuilt first if the article has never been counted
    /// and marked days recounted. Costs one point read and one query per 1,000 day rows when nothing is marked.
    /// </summary>
    public async Task<IReadOnlyList<DayCount>> ReadAsync(string articleId, string? partition = null, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var built = await tables.Counts.GetEntityIfExistsAsync<TableEntity>(articleId, BuiltKey, ["RowKey"], cancellationToken).ConfigureAwait(false);
        if (!built.HasValue) await RebuildAsync(articleId, cancellationToken).ConfigureAwait(false);
        var rows = await DayRowsAsync(articleId, partition, cancellationToken).ConfigureAwait(false);
        var days = rows.Where(r => !IsMarked(r)).Select(FromEntity).OfType<DayCount>().ToList();
        // Counted now even if a writer marks them again before the recount is stored: the reader gets the fresher count.
        var (recounted, _) = await SettleRowsAsync(rows.Where(IsMarked).ToList(), cancellationToken).ConfigureAwait(false);
        days.AddRange(recounted);
        return days;
    }

    /// <summary>Recounts every day of the article that has coverage or a day row, then marks it built. Costs O(links), once.</summary>
    public async Task RebuildAsync(string articleId, CancellationToken cancellationToken = default)
    {
        var keys = await ArticleKeysAsync(tables, articleId, null, cancellationToken).ConfigureAwait(false);
        var counted = (await DayRowsAsync(articleId, null, cancellationToken).ConfigureAwait(false)).Select(DayKeyOf).OfType<(string, DateOnly)>();
        await MarkAsync(keys, cancellationToken).ConfigureAwait(false);
        await MarkDaysAsync(counted, cancellationToken).ConfigureAwait(false);
        await SettleAsync(articleId, cancellationToken).ConfigureAwait(false);
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

    private async Task<List<TableEntity>> DayRowsAsync(string articleId, string? partition, CancellationToken ct)
    {
        var prefix = partition is null ? "" : RowPrefix(articleId, partition);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {articleId} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Counts.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct).ConfigureAwait(false))
            rows.Add(row);
        return rows;
    }

    private static bool IsMarked(TableEntity row) => row.ContainsKey(DirtyProperty);

    /// <summary>
    /// Counts each marked row's day and replaces the row if it is still the one read (If-Match), in per-article
    /// transactions. Returns the fresh counts and whether every one was stored.
    /// </summary>
    private async Task<(List<DayCount> Counts, bool Stored)> SettleRowsAsync(IReadOnlyList<TableEntity> marked, CancellationToken ct)
    {
        var counts = new List<DayCount>();
        var actions = new List<TableTransactionAction>();
        // One day after another: a pass touches few days, and in parallel a flaky connection's retries pile up.
        foreach (var row in marked)
        {
            var count = DayKeyOf(row) is (var partition, var day) ? await CountDayAsync(partition, day, ct).ConfigureAwait(false) : null;
            if (count is null)
                actions.Add(new(TableTransactionActionType.Delete, row, row.ETag));
            else
            {
                counts.Add(count);
                actions.Add(new(TableTransactionActionType.UpdateReplace, ToEntity(row.PartitionKey, row.RowKey, count), row.ETag));
            }
        }
        var stored = true;
        foreach (var transaction in TableBatch.Plan(actions))
        {
            try
            {
                await tables.Counts.SubmitTransactionAsync(transaction, ct).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // A writer marked one of these days again (or another recount got there first): it stays for the next settle.
                stored = false;
            }
        }
        return (counts, stored);
    }

    private static string ArticleOf(string partition) => partition[..Math.Max(0, partition.IndexOf('|'))];

    private static string RowKeyOf(string articleId, string partition, DateOnly day) =>
        RowPrefix(articleId, partition) + day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The coverage partition and day a day row counts; null for a row of another shape.</summary>
    private static (string Partition, DateOnly Day)? DayKeyOf(TableEntity row) =>
        row.GetString("Partition") is { } partition
        && DateOnly.TryParseExact(row.GetString("Day"), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (partition, day)
            : null;

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
            ["Day"] = count.Day.ToString(DayFormat, CultureInfo.InvariantCulture),
            ["Items"] = count.Items,
            ["Newest"] = count.Newest,
            ["Oldest"] = count.Oldest,
        };
        // A claim's topics are few (its claims file lists them), so this stays far below 64 KiB.
        if (count.Topics.Count > 0) row["Topics"] = JsonSerializer.Serialize(count.Topics, Json);
        return row;
    }

    private static DayCount? FromEntity(TableEntity row) =>
        DayKeyOf(row) is (var partition, var day)
            ? new DayCount(partition, day, row.GetInt32("Items") ?? 0, row.GetString("Newest") ?? "", row.GetString("Oldest") ?? "",
                row.GetString("Topics") is { Length: > 0 } json
                    ? JsonSerializer.Deserialize<Dictionary<string, TopicDayCount>>(json, Json) ?? []
                    : new Dictionary<string, TopicDayCount>())
            : null;
}
