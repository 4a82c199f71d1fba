using System.Diagnostics;
using System.Threading.Channels;

namespace Monitor.Core.Polling;

/// <summary>
/// Gathers finished feeds into write batches for the pass's single writer. A batch closes at a number of feeds or
/// of new items, or once its first feed has waited a short while: storage gets few, full transactions, and a
/// quiet moment does not hold finished feeds back. Batches are handed over one at a time, in order.
/// </summary>
internal sealed class WriteBatcher(int maxFeeds, int maxItems, TimeSpan maxDelay)
{
    /// <summary>2,000 items: 1,000 gave a smaller peak (192 MiB against 200) but a cold pass 13% slower (docs/performance.md).</summary>
    public static WriteBatcher Default { get; } = new(100, 2000, TimeSpan.FromMilliseconds(200));

    /// <summary>Reads until the channel is completed, storing each batch as it closes and the last one at the end.</summary>
    public async Task RunAsync(ChannelReader<FeedWork> reader, Func<IReadOnlyList<FeedWork>, Task> store, CancellationToken ct)
    {
        var batch = new List<FeedWork>();
        var items = 0;
        var opened = Stopwatch.StartNew();
        while (true)
        {
            if (reader.TryRead(out var work))
            {
                if (batch.Count == 0) opened.Restart();
                batch.Add(work);
                items += work.Fresh.Count;
                if (batch.Count >= maxFeeds || items >= maxItems) await FlushAsync().ConfigureAwait(false);
                continue;
            }
            if (batch.Count == 0)
            {
                if (!await reader.WaitToReadAsync(ct).ConfigureAwait(false)) break;
                continue;
            }
            var wait = maxDelay - opened.Elapsed;
            if (wait <= TimeSpan.Zero) { await FlushAsync().ConfigureAwait(false); continue; }
            var readable = reader.WaitToReadAsync(ct).AsTask();
            if (await Task.WhenAny(readable, Task.Delay(wait, ct)).ConfigureAwait(false) == readable && await readable.ConfigureAwait(false))
                continue;
            await FlushAsync().ConfigureAwait(false);
            if (readable.IsCompleted && !readable.Result) break;
        }
        if (batch.Count > 0) await FlushAsync().ConfigureAwait(false);

        async Task FlushAsync()
        {
            await store(batch).ConfigureAwait(false);
            batch = [];
            items = 0;
        }
    }
}
