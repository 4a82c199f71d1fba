using Azure;
using Azure.Data.Tables;

namespace Monitor.Core.Storage;

/// <summary>The Feeds table: one partition, one row per feed, read whole in one query at the start of a pass.</summary>
public sealed class FeedStateStore(MonitorTables tables)
{
    internal const string Partition = "feed";

    public async Task<Dictionary<string, FeedState>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, FeedState>();
        await foreach (var e in tables.Feeds.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            states[e.RowKey] = FromEntity(e);
        return states;
    }

    /// <summary>
    /// The states of some feeds (a shard's): queries of <see cref="KeysPerQuery"/> row keys each, run together,
    /// so a worker reads what its shard needs and not the whole table. Feeds never stored are absent.
    /// </summary>
    public async Task<Dictionary<string, FeedState>> LoadAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var chunks = await Task.WhenAll(keys.Distinct(StringComparer.Ordinal).Chunk(KeysPerQuery).Select(async chunk =>
        {
            var rows = new List<TableEntity>();
            await foreach (var e in tables.Feeds.QueryAsync<TableEntity>(KeysFilter(chunk), cancellationToken: cancellationToken).ConfigureAwait(false))
                rows.Add(e);
            return rows;
        })).ConfigureAwait(false);
        return chunks.SelectMany(rows => rows).ToDictionary(e => e.RowKey, FromEntity);
    }

    /// <summary>Azure allows 15 comparisons in a filter: the partition and 14 row keys.</summary>
    internal const int KeysPerQuery = 14;

    internal static string KeysFilter(IEnumerable<string> keys) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {Partition}") + " and (" +
        string.Join(" or ", keys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}"))) + ")";

    /// <summary>
    /// Saves the state if nobody changed it since it was read; otherwise merges the seen ids of the newer
    /// copy into ours and saves again, so two passes at once lose neither's items.
    /// </summary>
    public async Task SaveAsync(FeedState state, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var entity = ToEntity(state);
                if (state.StorageETag is { } etag)
                    state.StorageETag = (await tables.Feeds.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Headers.ETag;
                else
                    state.StorageETag = (await tables.Feeds.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)).Headers.ETag;
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 5)
            {
                var current = await tables.Feeds.GetEntityIfExistsAsync<TableEntity>(Partition, state.Key, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (current.HasValue)
                {
                    state.MergeSeen(FromEntity(current.Value!).Seen);
                    state.StorageETag = current.Value!.ETag;
                }
                else state.StorageETag = null;
            }
        }
    }

    /// <summary>
    /// Saves many states in few transactions (one partition, at most 100 rows and 4 MiB each), each row
    /// ETag-checked; a transaction that meets a concurrent change falls back to <see cref="SaveAsync"/> row by row.
    /// </summary>
    public async Task SaveManyAsync(IReadOnlyList<FeedState> states, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var byKey = new Dictionary<string, FeedState>(StringComparer.Ordinal);
        var twice = new List<FeedState>();
        foreach (var s in states) if (!byKey.TryAdd(s.Key, s)) twice.Add(s);
        var actions = byKey.Values.Select(s => s.StorageETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(s), etag)
            : new TableTransactionAction(TableTransactionActionType.Add, ToEntity(s)));
        foreach (var chunk in TableBatch.Plan(actions))
        {
            try
            {
                var response = await tables.Feeds.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < chunk.Count; i++) byKey[chunk[i].Entity.RowKey].StorageETag = response.Value[i].Headers.ETag;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                foreach (var action in chunk) await SaveAsync(byKey[action.Entity.RowKey], cancellationToken).ConfigureAwait(false);
            }
        }
        foreach (var s in twice) await SaveAsync(s, cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(FeedState s) => new(Partition, s.Key)
    {
        ["Url"] = s.Url,
        ["Title"] = s.Title,
        ["HttpETag"] = s.HttpETag,
        ["HttpLastModified"] = s.HttpLastModified,
        ["LastAttempt"] = s.LastAttempt,
        ["LastSuccess"] = s.LastSuccess,
        ["LastError"] = s.LastError,
        ["LastErrorAt"] = s.LastErrorAt,
        ["ConsecutiveFailures"] = s.ConsecutiveFailures,
        ["NextPoll"] = s.NextPoll,
        ["Gone"] = s.Gone,
        ["ItemsStored"] = s.ItemsStored,
        ["BodyHash"] = s.BodyHash,
        ["Seen"] = s.SeenBytes(),
        ["LeaseUntil"] = s.LeaseUntil,
    };

    private static FeedState FromEntity(TableEntity e) => new()
    {
        Key = e.RowKey,
        Url = e.GetString("Url") ?? "",
        Title = e.GetString("Title"),
        HttpETag = e.GetString("HttpETag"),
        HttpLastModified = e.GetString("HttpLastModified"),
        LastAttempt = e.GetDateTimeOffset("LastAttempt"),
        LastSuccess = e.GetDateTimeOffset("LastSuccess"),
        LastError = e.GetString("LastError"),
        LastErrorAt = e.GetDateTimeOffset("LastErrorAt"),
        ConsecutiveFailures = e.GetInt32("ConsecutiveFailures") ?? 0,
        NextPoll = e.GetDateTimeOffset("NextPoll"),
        Gone = e.GetBoolean("Gone") ?? false,
        ItemsStored = e.GetInt64("ItemsStored") ?? 0,
        BodyHash = e.GetString("BodyHash"),
        Seen = FeedState.ReadSeen(e.GetBinary("Seen")),
        LeaseUntil = e.GetDateTimeOffset("LeaseUntil"),
        StorageETag = e.ETag,
    };
}
