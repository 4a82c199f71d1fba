using Azure;
using Azure.Data.Tables;
using Monitor.Core.Storage;

namespace Monitor.Core.Feeds.Subscriptions;

/// <summary>
/// The subscribed feeds, shared by the CLI and the Functions app: partition "subscription" of the Feeds table,
/// one row per feed keyed like the poller's state (<see cref="FeedSource.KeyOf"/>). On first use the shipped
/// defaults are imported once, recorded by a marker row, so a default the user removes stays removed.
/// </summary>
public sealed class SubscriptionStore(MonitorTables tables, TimeProvider time)
{
    public const string Partition = "subscription";
    /// <summary>Not 32 hex digits, so it can never be a feed's key.</summary>
    internal const string MarkerKey = "initialised";

    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialised;

    /// <summary>Every subscription, in one partition query.</summary>
    public async Task<IReadOnlyList<Subscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Subscription>();
        await foreach (var e in tables.Feeds.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            if (e.RowKey != MarkerKey) list.Add(FromEntity(e));
        return list.OrderBy(s => s.Title ?? s.Url, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Url, StringComparer.Ordinal).ToList();
    }

    public async Task<Subscription?> GetAsync(string url, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken).ConfigureAwait(false);
        var row = await tables.Feeds.GetEntityIfExistsAsync<TableEntity>(Partition, FeedSource.KeyOf(url), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>Subscribes the feed; false when it was subscribed already (its row is left as it was).</summary>
    public async Task<bool> AddAsync(FeedSource feed, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await tables.Feeds.AddEntityAsync(ToEntity(feed, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Subscribes the feeds not yet subscribed: one query, then single-partition batches.</summary>
    public async Task<ImportResult> AddManyAsync(IEnumerable<FeedSource> feeds, CancellationToken cancellationToken = default)
    {
        var existing = (await ListAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var added = new List<FeedSource>();
        var present = new List<FeedSource>();
        foreach (var feed in feeds.DistinctBy(f => f.Key))
            (existing.Contains(feed.Key) ? present : added).Add(feed);
        if (added.Count > 0)
        {
            var now = time.GetUtcNow();
            await TableBatch.UpsertAsync(tables.Feeds, added.Select(f => ToEntity(f, now)), cancellationToken).ConfigureAwait(false);
        }
        return new ImportResult(added, present);
    }

    /// <summary>Unsubscribes the feed; false when it was not subscribed. The poller's state for it is kept.</summary>
    public async Task<bool> RemoveAsync(string url, CancellationToken cancellationToken = default)
    {
        await EnsureInitialisedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await tables.Feeds.DeleteEntityAsync(Partition, FeedSource.KeyOf(url), ETag.All, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Imports the defaults unless the marker says it was done. The defaults go first and the marker last, so
    /// an import cut off halfway is simply done again (upserts) on the next use.
    /// </summary>
    private async Task EnsureInitialisedAsync(CancellationToken cancellationToken)
    {
        if (_initialised) return;
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialised) return;
            var marker = await tables.Feeds.GetEntityIfExistsAsync<TableEntity>(Partition, MarkerKey, ["RowKey"], cancellationToken).ConfigureAwait(false);
            if (!marker.HasValue)
            {
                var now = time.GetUtcNow();
                var defaults = FeedList.Defaults();
                await TableBatch.UpsertAsync(tables.Feeds, defaults.Select(f => ToEntity(f, now)), cancellationToken).ConfigureAwait(false);
                await tables.Feeds.UpsertEntityAsync(new TableEntity(Partition, MarkerKey) { ["Initialised"] = now, ["Defaults"] = defaults.Count },
                    TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            _initialised = true;
        }
        finally
        {
            _initLock.Release();
        }
    }

    private static TableEntity ToEntity(FeedSource feed, DateTimeOffset added) => new(Partition, feed.Key)
    {
        ["Url"] = feed.Url,
        ["Title"] = feed.Title,
        ["Added"] = added,
    };

    private static Subscription FromEntity(TableEntity e) =>
        new(e.GetString("Url") ?? "", e.GetString("Title"), e.GetDateTimeOffset("Added") ?? e.Timestamp ?? DateTimeOffset.MinValue);
}
