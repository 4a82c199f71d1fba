using Azure;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// When storage refuses a batch (a 400 or 413: some value it will not take), the batch is split in halves and
/// each half stored again, down to one feed; the feed whose data is refused alone fails, with the reason in its
/// health, and every other feed of the batch is stored. A bad feed costs about log2(batch) extra requests.
/// </summary>
internal static class RefusedBatch
{
    /// <summary>Storage refused the request's content; sending it again unchanged would fail again.</summary>
    public static bool IsRefused(Exception e) => e switch
    {
        RequestFailedException r => r.Status is 400 or 413,
        AggregateException { InnerException: { } inner } => IsRefused(inner),
        _ => false,
    };

    /// <param name="store">Stores a batch whole; throws when storage refuses it.</param>
    /// <param name="refuse">Records that storage refused one feed's data.</param>
    public static async Task StoreAsync(IReadOnlyList<FeedWork> batch, Func<IReadOnlyList<FeedWork>, Task> store, Func<FeedWork, Exception, Task> refuse)
    {
        try
        {
            await store(batch).ConfigureAwait(false);
        }
        catch (Exception e) when (IsRefused(e))
        {
            if (batch.Count == 1)
            {
                await refuse(batch[0], e).ConfigureAwait(false);
                return;
            }
            var half = batch.Count / 2;
            await StoreAsync(batch.Take(half).ToList(), store, refuse).ConfigureAwait(false);
            await StoreAsync(batch.Skip(half).ToList(), store, refuse).ConfigureAwait(false);
        }
    }

    /// <summary>Marks the feed failed with storage's reason and saves its health alone (its seen ids stay where they were).</summary>
    public static async Task FailAsync(FeedWork work, Exception e, FeedStateStore states, DateTimeOffset now, CancellationToken ct)
    {
        var inner = e is AggregateException { InnerException: { } i } ? i : e;
        var reason = StoredLimits.Text($"storage refused this feed's data: {inner.Message.Split('\n')[0].Trim()}", StoredLimits.MaxError)!;
        work.Outcome = FeedOutcome.Failed(work.Outcome.Url, reason);
        var state = work.State;
        // The attempt stands; the rest of the poll's change holds only where its items were stored (it is applied then).
        new FeedChange(work.Change?.Attempt ?? state.LastAttempt, PollHealth.Of(state).Failure(reason, now), state.BodyHash).ApplyTo(state);
        state.LeaseUntil = null; // handed out by a dispatcher: this save ends the hand-out, as any save of the state does
        try
        {
            await states.SaveAsync(state, ct).ConfigureAwait(false);
        }
        catch (Exception again) when (IsRefused(again))
        {
            // The state itself is refused: nothing more to save; the outcome still says why.
        }
    }
}
