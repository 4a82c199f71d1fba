using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Monitor.Core.Digest;

namespace Monitor.Functions;

/// <summary>
/// The daily digest. Timers run in UTC, so this one runs often (app setting DigestSchedule, default every 15
/// minutes) and sends each recipient's digest once its local send time (Digest:LocalTime in Digest:TimeZone)
/// has passed; the Digests table makes a second run, or a concurrent one, send nothing.
/// </summary>
public sealed class SendDigest(DigestRunner runner, ILogger<SendDigest> logger)
{
    [Function(nameof(SendDigest))]
    public async Task<DigestRun> RunAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue) logger.LogInformation("SendDigest is running late");
        var run = await runner.RunAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        // A failure must not pass silently: the invocation fails (and is retried by the next run).
        if (run.Failed.Count > 0)
            throw new DigestDeliveryException(string.Join("; ", run.Failed.Select(f => $"{f.Recipient.Address}: {f.Error}")));
        return run;
    }
}
