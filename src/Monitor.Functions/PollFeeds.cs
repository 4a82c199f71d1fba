using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;

namespace Monitor.Functions;

/// <summary>
/// The scheduled polling pass over the subscriptions (or the Feeds:File list when one is set); the schedule is
/// the app setting PollSchedule (default every 15 minutes).
/// </summary>
public sealed class PollFeeds(PollRunner runner, ConfiguredFeeds feeds, ILogger<PollFeeds> logger)
{
    [Function(nameof(PollFeeds))]
    public async Task<PollReport> RunAsync([TimerTrigger("%PollSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue) logger.LogInformation("PollFeeds is running late");
        var list = await feeds.LoadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return await runner.RunAsync(list, cancellationToken).ConfigureAwait(false);
    }
}
