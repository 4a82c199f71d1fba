using Monitor.Core.Articles;
using Monitor.Core.Storage;

namespace Monitor.Core.Linking;

/// <summary>What a re-link changed.</summary>
public sealed record RelinkReport(string ArticleId, int ItemsRead, int ItemsLinked, int RowsWritten, int RowsRemoved);

/// <summary>
/// Re-scores stored items against an article's current claims file and thresholds, without fetching, brings
/// their stored language up to date, and replaces their links: new rows are written first, then rows no longer justified are removed, so a re-link
/// cut off half-way leaves no link lost and converges when run again.
/// </summary>
public sealed class Relinker(ItemStore items, CoverageStore coverage, Linker linker, ArticleCatalog catalog)
{
    public async Task<IReadOnlyList<RelinkReport>> RelinkAsync(string? articleId, DateTimeOffset? since, CancellationToken cancellationToken = default)
    {
        var articles = articleId is null ? catalog.Articles : [catalog.Get(articleId)];
        var reports = new List<RelinkReport>();
        foreach (var article in articles)
            reports.Add(await RelinkAsync(article, since, cancellationToken).ConfigureAwait(false));
        return reports;
    }

    private async Task<RelinkReport> RelinkAsync(Article article, DateTimeOffset? since, CancellationToken ct)
    {
        var existing = await coverage.KeysAsync(article.Id, since, ct).ConfigureAwait(false);

        var wanted = new List<Azure.Data.Tables.TableEntity>();
        var rows = new List<Azure.Data.Tables.TableEntity>();
        int read = 0, linked = 0;
        await foreach (var (item, row) in items.ReadAsync(since, ct).ConfigureAwait(false))
        {
            read++;
            rows.Add(row);
            if (linker.Link(item, article) is not { } link) continue;
            linked++;
            var sources = row.Where(p => p.Key.StartsWith("Src_", StringComparison.Ordinal)).ToList();
            foreach (var entity in CoverageStore.ToEntities(link))
            {
                foreach (var (key, value) in sources) entity[key] = value;
                wanted.Add(entity);
            }
        }
        await items.UpdateLanguagesAsync(rows, ct).ConfigureAwait(false);
        await coverage.SaveRowsAsync(wanted, ct).ConfigureAwait(false);
        var keep = wanted.Select(e => (e.PartitionKey, e.RowKey)).ToHashSet();
        var stale = existing.Where(k => !keep.Contains(k)).ToList();
        await coverage.DeleteAsync(stale, ct).ConfigureAwait(false);
        return new RelinkReport(article.Id, read, linked, wanted.Count, stale.Count);
    }
}
