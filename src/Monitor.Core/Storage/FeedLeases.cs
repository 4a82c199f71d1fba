using Azure;
using Azure.Data.Tables;

namespace Monitor.Core.Storage;

/// <summary>When a feed is next due and whether it is handed out, read without its seen ids (the dispatcher's view).</summary>
public sealed record FeedSchedule(string Key, DateTimeOffset? NextPoll, DateTimeOffset? LeaseUntil, ETag ETag);

/// <summary>
/// The dispatcher's side of the Feeds table: which feeds are due, and handing them out. A lease is one property
/// on the feed's row, written ETag-checked, so two dispatchers (or a dispatcher and a worker saving the feed)
/// never both win: the loser skips the feed. A worker's save of the state clears the lease.
/// </summary>
public sealed class FeedLeases(MonitorTables tables)
{
    /// <summary>One query over the Feeds partition, without the seen ids (the bulk of a row).</summary>
    public async Task<Dictionary<string, FeedSchedule>> LoadScheduleAsync(CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<string, FeedSchedule>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {FeedStateStore.Partition}");
        await foreach (var e in tables.Feeds.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "NextPoll", "LeaseUntil"], cancellationToken: cancellationToken).ConfigureAwait(false))
            rows[e.RowKey] = new FeedSchedule(e.RowKey, e.GetDateTimeOffset("NextPoll"), e.GetDateTimeOffset("LeaseUntil"), e.ETag);
        return rows;
    }

    /// <summary>
    /// Leases the feeds until <paramref name="until"/>: a merge checked against the ETag the schedule was read
    /// with (an insert for a feed never stored). Returns the keys leased; a feed changed meanwhile is left out.
    /// </summary>
    public async Task<HashSet<string>> LeaseAsync(IEnumerable<(string Key, string Url, FeedSchedule? Known)> feeds, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var leased = new HashSet<string>(StringComparer.Ordinal);
        var actions = feeds.DistinctBy(f => f.Key).Select(f => f.Known is { } known
            ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, Lease(f.Key, until), known.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Lease(f.Key, until)) { ["Url"] = f.Url }));
        foreach (var chunk in TableBatch.Plan(actions))
        {
            try
            {
                await tables.Feeds.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
                foreach (var a in chunk) leased.Add(a.Entity.RowKey);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Someone touched one of these rows since the schedule was read: lease the rest one by one.
                foreach (var action in chunk)
                    if (await TryOneAsync(action, cancellationToken).ConfigureAwait(false)) leased.Add(action.Entity.RowKey);
            }
        }
        return leased;
    }

    private async Task<bool> TryOneAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        try
        {
            if (action.ActionType == TableTransactionActionType.Add)
                await tables.Feeds.AddEntityAsync(action.Entity, cancellationToken).ConfigureAwait(false);
            else
                await tables.Feeds.UpdateEntityAsync(action.Entity, action.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static TableEntity Lease(string key, DateTimeOffset until) => new(FeedStateStore.Partition, key) { ["LeaseUntil"] = until };
}
