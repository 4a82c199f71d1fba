using System.Diagnostics;
using System.Threading.Channels;

namespace Monitor.Core.Polling;

/// <summary>
/// Gathers finished feeds into write batches for the pass's single writer. The next batch gathers while one is being
/// stored, and closes at a number of feeds or of new items, or once its first feed has waited a short while: storage
/// gets few, full transactions, and a quiet moment does not hold finished feeds back. The pass's first batch goes at
/// once, as storage has nothing else to do yet (a cold pass would otherwise start writing that much later). A full
/// batch waits for the writer, which holds fetching back through the pass's bounded channel. Batches are stored one at
/// a time, in order.
/// </summary>
internal sealed class WriteBatcher(int maxFeeds, int maxItems, TimeSpan maxDelay)
{
    /// <summary>2,000 items: 1,000 gave a smaller peak (192 MiB against 200) but a cold pass 13% slower (docs/performance.md).</summary>
    public static WriteBatcher Default { get; } = new(100, 2000, TimeSpan.FromMilliseconds(200));

    /// <summary>Reads until the channel is completed and every batch is stored; a failed store ends the run with its exception.</summary>
    public async Task RunAsync(ChannelReader<FeedWork> reader, Func<IReadOnlyList<FeedWork>, Task> store, CancellationToken ct)
    {
        var batch = new List<FeedWork>();
        var items = 0;
        var opened = Stopwatch.StartNew();
        var storing = Task.CompletedTask;
        var handedOver = 0;
        Task<bool>? arrival = null; // a pending wait for the next finished feed
        var open = true;
        while (true)
        {
            while (!Full() && reader.TryRead(out var work))
            {
                if (batch.Count == 0) opened.Restart();
                batch.Add(work);
                items += work.Fresh.Count;
            }
            if (batch.Count > 0 && storing.IsCompleted && (Full() || !open || handedOver == 0 || opened.Elapsed >= maxDelay))
            {
                await storing.ConfigureAwait(false); // the last batch's failure ends the run here
                storing = store(batch);
                handedOver++;
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
            else if (batch.Count > 0) await Task.WhenAny(arrival, Task.Delay(Max(maxDelay - opened.Elapsed, TimeSpan.Zero), ct)).ConfigureAwait(false);
            else await arrival.ConfigureAwait(false);
            if (storing.IsCompleted) await storing.ConfigureAwait(false);
            if (arrival.IsCompleted)
            {
                open = await arrival.ConfigureAwait(false);
                arrival = null;
            }
        }
        await storing.ConfigureAwait(false);

        bool Full() => batch.Count >= maxFeeds || items >= maxItems;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
