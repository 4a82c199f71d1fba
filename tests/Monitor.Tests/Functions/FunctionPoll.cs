using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Functions;

namespace Monitor.Tests.Functions;

/// <summary>
/// A scheduled pass as the Functions host runs it: the PollFeeds timer dispatches, then each queued message is
/// handed to the PollQueuedShard function (base64 decoded, as the trigger does) and removed once it succeeds.
/// </summary>
public static class FunctionPoll
{
    public static async Task<PollReport> RunAsync(IServiceProvider services)
    {
        var timer = new PollFeeds(services.GetRequiredService<ShardDispatcher>(), services.GetRequiredService<ConfiguredFeeds>(), NullLogger<PollFeeds>.Instance);
        var dispatched = await timer.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        var queue = services.GetRequiredService<ShardQueue>();
        var shard = ActivatorUtilities.CreateInstance<PollQueuedShard>(services);
        var outcomes = new List<FeedOutcome>();
        for (QueueMessage[] messages; (messages = await queue.Shards.ReceiveMessagesAsync(32)).Length > 0;)
            foreach (var message in messages)
            {
                outcomes.AddRange((await shard.RunAsync(message.MessageText, CancellationToken.None)).Feeds);
                await queue.Shards.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        Assert.Equal(dispatched.Dispatched, outcomes.Count);
        return new PollReport(outcomes, dispatched.Elapsed);
    }
}
