using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Core.Polling;

namespace Monitor.Functions;

/// <summary>
/// A shard that kept failing: its feeds are marked failing with the reason and retried by the normal backoff.
/// A message that is not a shard at all is logged and dropped (it names no feed to mark).
/// </summary>
public sealed class PoisonedShard(PoisonShards poison, IOptions<PollingOptions> options, ILogger<PoisonedShard> logger)
{
    [Function(nameof(PoisonedShard))]
    public async Task RunAsync([QueueTrigger(PollingOptions.DefaultQueueName + "-poison")] string message, CancellationToken cancellationToken)
    {
        PollShard shard;
        try { shard = PollShard.Parse(message); }
        catch (FormatException e)
        {
            logger.LogError("A poison message that is not a shard was dropped: {Reason}", e.Message);
            return;
        }
        await poison.MarkFailingAsync(shard, PoisonShards.Reason(options.Value.MaxDequeueCount, null), cancellationToken).ConfigureAwait(false);
    }
}
