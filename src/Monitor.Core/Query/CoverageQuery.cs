using Azure.Data.Tables;
using Monitor.Core.Articles;
using Monitor.Core.Storage;

namespace Monitor.Core.Query;

/// <summary>Reads coverage back: a topic's (or a claim's) items newest first, and counts per topic and claim.</summary>
public sealed class CoverageQuery(MonitorTables tables, ArticleCatalog catalog, CoverageCounts stored)
{
    /// <summary>
    /// Beyond one row per story asked, at most this many more rows are read (copies joining the stories shown), so
    /// a story carried 100,000 times costs one page, not the partition; a story shows the copies found within them.
    /// </summary>
    public const int MaxExtraRows = 500;

    /// <summary>The items linked to the topic (and claim), newest first: one range query over one partition.</summary>
    public async Task<IReadOnlyList<CoverageEntry>> GetAsync(CoverageRequest request, CancellationToken cancellationToken = default)
    {
        var (topic, partition) = Resolve(catalog, request);
        if (request.Limit is < 1 or > CoverageRequest.MaxLimit)
            throw new MonitorInputException($"--limit: must be between 1 and {CoverageRequest.MaxLimit}, not {request.Limit}");

        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = CoverageFilter.Of(partition, request.Since, request.Until);

        var stories = new StoryGrouping();
        DateTimeOffset? stopAt = null;
        var read = 0;
        await foreach (var row in tables.Coverage.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(request.Limit + 50, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (++read > request.Limit + MaxExtraRows) break;
            var entry = ToEntry(row, topic.Id);
            // Past the limit, read on only while an older copy could still join one of the stories shown.
            if (stopAt is { } stop && entry.Published < stop) break;
            // A claim spans topics; in the claim's partition keep the items also linked to the asked topic.
            if (request.ClaimId is not null && !entry.Topics.Contains(topic.Id)) continue;
            if (stopAt is not null)
            {
                if (stories.Add(entry)) break; // a new story beyond the limit: done
                continue;
            }
            stories.Add(entry);
            if (stories.Count >= request.Limit) stopAt = entry.Published - StoryGrouping.Window;
        }
        var result = stories.Stories;
        return result.Count > request.Limit ? result.Take(request.Limit).ToList() : result;
    }

    /// <summary>The asked topic and the partition to read: the claim's when a claim is asked (it must sit under the topic).</summary>
    internal static (Topic Topic, string Partition) Resolve(ArticleCatalog catalog, CoverageRequest request)
    {
        var article = catalog.Get(request.ArticleId);
        var topic = article.FindTopic(request.TopicId) ?? throw new MonitorInputException(
            $"unknown topic '{request.TopicId}'; known topics: {string.Join(", ", article.Topics.Select(t => t.Id))}");
        if (request.ClaimId is not { } claimId) return (topic, CoverageStore.TopicPartition(article.Id, topic.Id));
        var claim = article.FindClaim(claimId) ?? throw new MonitorInputException(
            $"unknown claim '{claimId}'; claims of topic '{topic.Id}': {string.Join(", ", article.ClaimsOf(topic.Id).Select(c => c.Id))}");
        if (!claim.TopicIds.Contains(topic.Id))
            throw new MonitorInputException($"claim '{claim.Id}' is not under topic '{topic.Id}' (it belongs to {string.Join(", ", claim.TopicIds)})");
        return (topic, CoverageStore.ClaimPartition(article.Id, claim.Id));
    }

    /// <summary>
    /// How many items are linked to each topic and claim of the article, from the stored day counts: one point read
    /// and one query per 1,000 (topic or claim, day) rows, however many links there are.
    /// </summary>
    public async Task<TopicSummary> SummariseAsync(string? articleId = null, CancellationToken cancellationToken = default)
    {
        var article = catalog.Get(articleId);
        var ids = article.Topics.ToDictionary(t => CoverageStore.TopicPartition(article.Id, t.Id), t => t.Id, StringComparer.Ordinal);
        foreach (var c in article.Claims) ids[CoverageStore.ClaimPartition(article.Id, c.Id)] = c.Id;
        var spans = new Dictionary<string, CountSpan>(StringComparer.Ordinal);
        var inTopics = new Dictionary<(string Claim, string Topic), CountSpan>();
        foreach (var day in await stored.ReadAsync(article.Id, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // Topics or claims since removed from the claims file keep their rows until a relink; they are not shown.
            if (!ids.TryGetValue(day.Partition, out var id)) continue;
            spans.GetOrAdd(id).Add(day.Items, day.Newest, day.Oldest);
            foreach (var (topic, t) in day.Topics)
                inTopics.GetOrAdd((id, topic)).Add(t.Items, t.Newest, t.Oldest);
        }
        var counts = ids.Values.ToDictionary(id => id, id => spans.GetValueOrDefault(id)?.Count() ?? LinkCount.None);
        var claimsInTopics = article.Claims.SelectMany(c => c.TopicIds.Select(t => (c.Id, t)))
            .ToDictionary(k => k, k => inTopics.GetValueOrDefault(k)?.Count() ?? LinkCount.None);
        return new TopicSummary(article, counts, claimsInTopics);
    }

    internal static CoverageEntry ToEntry(TableEntity row, string topicId) =>
        ToEntry(row, StoredLinks.Parse(row.GetString("Links")), topicId);

    /// <summary>A coverage row as an entry; score, terms and sentence are the asked topic's (none when <paramref name="topicId"/> is null).</summary>
    internal static CoverageEntry ToEntry(TableEntity row, StoredLinks links, string? topicId)
    {
        var own = topicId is null ? null : links.Topics.FirstOrDefault(t => t.Id == topicId);
        return new CoverageEntry(
            row.GetString("ItemId") ?? "",
            row.GetString("Url") ?? "",
            row.GetString("Title") ?? "",
            row.GetString("Summary") ?? "",
            row.GetString("Source") ?? "",
            row.GetDateTimeOffset("Published") ?? DateTimeOffset.MinValue,
            links.Topics.Select(t => t.Id).ToList(),
            links.Claims.Select(c => new ClaimEvidence(c.Id, c.Score, c.Terms, c.Sentence, c.Signals)).ToList(),
            own?.Score ?? row.GetDouble("Score") ?? 0,
            own?.Terms ?? [],
            own?.Sentence ?? "")
        {
            Sources = ItemSources.Read(row),
            Signals = own?.Signals,
            Lang = row.GetString("Lang") ?? "",
        };
    }
}
