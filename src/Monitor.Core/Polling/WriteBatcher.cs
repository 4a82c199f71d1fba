using System.Threading.Channels;

namespace Monitor.Core.Polling;

/// <summary>
/// Gathers finished feeds into write batches for the pass's single writer, as a group commit: while one batch is
/// being stored the next one gathers, and it is handed over the moment the writer is free. Storage is never idle
/// while finished feeds wait, and batches grow as large as storage is slow (a cold pass writes full batches, a quiet
/// one writes each feed as it comes). A batch closes at a number of feeds or of new items; a full batch waits for
/// the writer, which holds fetching back through the pass's bounded channel. Batches are stored one at a time, in order.
/// </summary>
internal sealed class WriteBatcher(int maxFeeds, int maxItems)
{
    /// <summary>2,000 items: 1,000 gave a smaller peak (192 MiB against 200) but a cold pass 13% slower (docs/performance.md).</summary>
    public static WriteBatcher Default { get; } = new(100, 2000);

    /// <summary>Reads until the channel is completed and every batch is stored; a failed store surfaces here.</summary>
    public async Task RunAsync(ChannelReader<FeedWork> reader, Func<IReadOnlyList<FeedWork>, Task> store, CancellationToken ct)
    {
        var batch = new List<FeedWork>();
        var items = 0;
        var storing = Task.CompletedTask;
        Task<bool>? arrival = null; // a pending wait for the next finished feed
        var open = true;
        while (true)
        {
            while (!Full() && reader.TryRead(out var work))
            {
                batch.Add(work);
                items += work.Fresh.Count;
            }
            if (batch.Count > 0 && storing.IsCompleted)
            {
                await storing.ConfigureAwait(false); // the last batch's failure ends the pass here
                storing = store(batch);
                batch = [];
                items = 0;
                continue;
            }
            if (!open && batch.Count == 0) break;
            if (!open || Full())
            {
                await storing.ConfigureAwait(false);
                continue;
            }
            arrival ??= reader.WaitToReadAsync(ct).AsTask();
            if (!storing.IsCompleted) await Task.WhenAny(arrival, storing).ConfigureAwait(false);
            if (storing.IsCompleted)
            {
                await storing.ConfigureAwait(false); // a failed store ends the pass here
                if (batch.Count > 0) continue;       // the writer is free: what gathered goes now
            }
            open = await arrival.ConfigureAwait(false); // completed already, unless nothing is being stored
            arrival = null;
        }
        await storing.ConfigureAwait(false);

        bool Full() => batch.Count >= maxFeeds || items >= maxItems;
    }
}
