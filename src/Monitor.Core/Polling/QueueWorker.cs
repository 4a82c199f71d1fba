using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Core.Polling;

/// <summary>What one worker process did.</summary>
public sealed record WorkerReport(int Shards, int Retried, int Poisoned, int Feeds, int FeedsFailed, int ItemsNew, TimeSpan Elapsed);

/// <summary>
/// `monitor worker`: what the Functions host does with the queue trigger, as a loop of our own so scaling out can
/// be run and tested on one machine. Takes up to <see cref="PollingOptions.WorkerConcurrency"/> shards at once,
/// keeps each invisible while it runs, deletes it when done; a failed shard comes back after the retry delay,
/// and one received more than <see cref="PollingOptions.MaxDequeueCount"/> times goes to the poison queue, whose
/// shards have their feeds marked failing. A process killed mid-shard leaves its message to reappear.
/// </summary>
public sealed class QueueWorker(ShardQueue queue, ShardWorker worker, PoisonShards poison, IOptions<PollingOptions> options, ILogger<QueueWorker> logger)
{
    private readonly ConcurrentDictionary<string, string> _lastErrors = new(StringComparer.Ordinal);

    /// <param name="untilEmpty">Return once no message is left in the queue (visible or in flight) instead of waiting for more.</param>
    public async Task<WorkerReport> RunAsync(bool untilEmpty, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var o = options.Value;
        await queue.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var tally = new Tally();
        var running = new List<Task>();
        while (true)
        {
            running.RemoveAll(t => t.IsCompleted);
            var free = Math.Max(1, o.WorkerConcurrency) - running.Count;
            if (free > 0)
            {
                QueueMessage[] messages = await queue.Shards.ReceiveMessagesAsync(Math.Min(32, free), o.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
                foreach (var message in messages) running.Add(HandleAsync(message, tally, cancellationToken));
                if (messages.Length > 0) continue;
            }
            if (running.Count > 0)
            {
                await Task.WhenAny(running.Append(Task.Delay(o.IdleDelay, cancellationToken))).ConfigureAwait(false);
                continue;
            }
            await DrainPoisonAsync(tally, cancellationToken).ConfigureAwait(false);
            if (untilEmpty && await queue.IsDrainedAsync(cancellationToken).ConfigureAwait(false)) break;
            await Task.Delay(o.IdleDelay, cancellationToken).ConfigureAwait(false);
        }
        return tally.Report(clock.Elapsed);
    }

    private async Task HandleAsync(QueueMessage message, Tally tally, CancellationToken cancellationToken)
    {
        var o = options.Value;
        PollShard? shard = null;
        try { shard = PollShard.Parse(message.MessageText); }
        catch (FormatException e) { logger.LogWarning("Message {Id} is not a shard: {Reason}", message.MessageId, e.Message); }
        if (shard is null || message.DequeueCount > o.MaxDequeueCount)
        {
            await queue.Poison.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
            await queue.Shards.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            return;
        }

        var receipt = new Receipt(message.PopReceipt);
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(message.MessageId, receipt, o.VisibilityTimeout, renewing.Token);
        try
        {
            var report = await worker.ProcessAsync(shard, cancellationToken).ConfigureAwait(false);
            await StopAsync(renewing, renewal).ConfigureAwait(false);
            await queue.Shards.DeleteMessageAsync(message.MessageId, receipt.Value, cancellationToken).ConfigureAwait(false);
            _lastErrors.TryRemove(shard.Id, out _);
            tally.Done(report);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await StopAsync(renewing, renewal).ConfigureAwait(false);
            var reason = e.Message.Split('\n')[0].Trim();
            _lastErrors[shard.Id] = reason;
            logger.LogWarning("Shard {Shard} failed (attempt {Attempt}): {Reason}", shard.Id, message.DequeueCount, reason);
            Interlocked.Increment(ref tally.Retried);
            try { await queue.Shards.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: o.RetryDelay, cancellationToken: cancellationToken).ConfigureAwait(false); }
            catch (Azure.RequestFailedException) { } // it reappears after its visibility timeout anyway
        }
    }

    /// <summary>Marks the feeds of every set-aside shard failing, then removes its message.</summary>
    private async Task DrainPoisonAsync(Tally tally, CancellationToken cancellationToken)
    {
        while (true)
        {
            QueueMessage[] messages = await queue.Poison.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            if (messages.Length == 0) return;
            foreach (var message in messages)
            {
                try
                {
                    var shard = PollShard.Parse(message.MessageText);
                    var reason = PoisonShards.Reason(options.Value.MaxDequeueCount, _lastErrors.GetValueOrDefault(shard.Id));
                    await poison.MarkFailingAsync(shard, reason, cancellationToken).ConfigureAwait(false);
                }
                catch (FormatException e)
                {
                    logger.LogWarning("Poison message {Id} is not a shard and is dropped: {Reason}", message.MessageId, e.Message);
                }
                await queue.Poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref tally.Poisoned);
            }
        }
    }

    /// <summary>Keeps the message invisible while its shard runs, however long that takes.</summary>
    private async Task RenewAsync(string messageId, Receipt receipt, TimeSpan visibility, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(visibility / 2, cancellationToken).ConfigureAwait(false);
                var updated = await queue.Shards.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: visibility, cancellationToken: cancellationToken).ConfigureAwait(false);
                receipt.Value = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) { }
        catch (Azure.RequestFailedException e)
        {
            logger.LogWarning("Could not keep message {Id} invisible: {Reason}", messageId, e.Message.Split('\n')[0]);
        }
    }

    private static async Task StopAsync(CancellationTokenSource renewing, Task renewal)
    {
        await renewing.CancelAsync().ConfigureAwait(false);
        await renewal.ConfigureAwait(false);
    }

    private sealed class Receipt(string value)
    {
        public volatile string Value = value;
    }

    private sealed class Tally
    {
        public int Shards, Retried, Poisoned, Feeds, FeedsFailed, ItemsNew;

        public void Done(PollReport report)
        {
            Interlocked.Increment(ref Shards);
            Interlocked.Add(ref Feeds, report.Feeds.Count);
            Interlocked.Add(ref FeedsFailed, report.FeedsFailed);
            Interlocked.Add(ref ItemsNew, report.ItemsNew);
        }

        public WorkerReport Report(TimeSpan elapsed) => new(Shards, Retried, Poisoned, Feeds, FeedsFailed, ItemsNew, elapsed);
    }
}
