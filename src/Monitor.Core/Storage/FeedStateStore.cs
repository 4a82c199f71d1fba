using Azure;
using Azure.Data.Tables;

namespace Monitor.Core.Storage;

/// <summary>The Feeds table: one partition, one row per feed, read whole in one query at the start of a pass.</summary>
public sealed class FeedStateStore(MonitorTables tables)
{
    private const string Partition = "feed";

    public async Task<Dictionary<string, FeedState>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, FeedState>();
        await foreach (var e in tables.Feeds.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
            states[e.RowKey] = FromEntity(e);
        return states;
    }

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
        ["Seen"] = s.SeenBytes(),
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
        Seen = FeedState.ReadSeen(e.GetBinary("Seen")),
        StorageETag = e.ETag,
    };
}
