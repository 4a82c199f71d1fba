using Azure.Data.Tables;
using Monitor.Core.Articles;
using Monitor.Core.Storage;

namespace Monitor.Core.Query;

/// <summary>
/// One page of coverage: the stories grouped from the <see cref="Entries"/> stored entries the page read, and
/// Table Storage's own continuation token for the next page (null when there is none).
/// </summary>
public sealed record CoveragePage(IReadOnlyList<CoverageEntry> Stories, int Entries, string? Continuation);

/// <summary>
/// Coverage page by page with Table Storage's paging: a page reads at most <see cref="CoverageRequest.Limit"/>
/// entries of one partition, starting where the previous page's token points, so no page loads the whole
/// partition. Near-duplicates are grouped within a page; a copy that falls on the next page is shown there, so
/// every entry appears exactly once across the pages.
/// </summary>
public sealed class CoveragePager(MonitorTables tables, ArticleCatalog catalog)
{
    /// <summary>Table Storage returns at most 1,000 entities per request.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>A claim's page skips rows of other topics; bound the requests one page may make.</summary>
    private const int MaxRequestsPerPage = 16;

    /// <param name="continuation">The token of the previous page, as this method returned it; null for the newest page.</param>
    public async Task<CoveragePage> ReadAsync(CoverageRequest request, string? continuation, CancellationToken cancellationToken = default)
    {
        var (topic, partition) = CoverageQuery.Resolve(catalog, request);
        if (request.Limit is < 1 or > MaxPageSize)
            throw new MonitorInputException($"limit: must be between 1 and {MaxPageSize}, not {request.Limit}");
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = CoverageFilter.Of(partition, request.Since, request.Until);

        var stories = new StoryGrouping();
        var entries = 0;
        var token = continuation;
        for (var requests = 0; requests < MaxRequestsPerPage; requests++)
        {
            // Ask for no more rows than the page still needs: the service's token then points just past the last row used.
            var (rows, next) = await ReadRowsAsync(filter, token, request.Limit - entries, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var entry = CoverageQuery.ToEntry(row, topic.Id);
                // A claim spans topics; in the claim's partition keep the items also linked to the asked topic.
                if (request.ClaimId is not null && !entry.Topics.Contains(topic.Id)) continue;
                stories.Add(entry);
                entries++;
            }
            token = next;
            if (token is null || entries >= request.Limit) break;
        }
        return new CoveragePage(stories.Stories, entries, token);
    }

    private async Task<(IReadOnlyList<TableEntity> Rows, string? Next)> ReadRowsAsync(string filter, string? token, int count, CancellationToken cancellationToken)
    {
        var pages = tables.Coverage.QueryAsync<TableEntity>(filter, maxPerPage: count, cancellationToken: cancellationToken).AsPages(token, count);
        await foreach (var page in pages.ConfigureAwait(false))
            return (page.Values, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        return ([], null);
    }
}
