using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;

namespace Monitor.Functions;

/// <summary>
/// The scheduled dispatcher over the subscriptions (or the Feeds:File list when one is set): it hands the due
/// feeds out, in shards grouped by host, to the queue consumed on as many instances
/// as the platform scales to (see <see cref="PollQueuedShard"/>). The schedule is the app setting PollSchedule (default every 15 minutes).
/// </summary>
public sealed class PollFeeds(ShardDispatcher dispatcher, ConfiguredFeeds feeds, ILogger<PollFeeds> logger)
{
    [Function(nameof(PollFeeds))]
    public async Task<DispatchReport> RunAsync([TimerTrigger("%PollSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue) logger.LogInformation("PollFeeds is running late");
        var list = await feeds.LoadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return await dispatcher.DispatchAsync(list, cancellationToken).ConfigureAwait(false);
    }
}
