using Microsoft.Azure.Functions.Worker;
using Monitor.Core.Polling;

namespace Monitor.Functions;

/// <summary>
/// One shard of a pass: fetch → parse → link → store for its feeds. A throw leaves the message to the host, which
/// delivers it again after host.json's visibilityTimeout and, after maxDequeueCount tries, moves it to the poison
/// queue (see <see cref="PoisonedShard"/>).
/// </summary>
public sealed class PollQueuedShard(ShardWorker worker)
{
    [Function(nameof(PollQueuedShard))]
    public async Task<PollReport> RunAsync([QueueTrigger(PollingOptions.DefaultQueueName)] string message, CancellationToken cancellationToken) =>
        await worker.ProcessAsync(PollShard.Parse(message), cancellationToken).ConfigureAwait(false);
}
