using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Core;
using Monitor.Core.Polling;

namespace Monitor.Cli.Commands;

internal static class WorkerCommand
{
    public static Command Create(Func<IServiceProvider> services, TextWriter stdout)
    {
        var untilEmpty = new Option<bool>("--until-empty") { Description = "Exit once the queue is drained (no shard waiting or in flight) instead of waiting for more." };
        var concurrency = new Option<int?>("--concurrency") { Description = "Shards polled at once by this process (default: Polling:WorkerConcurrency, 8)." };
        var command = new Command("worker", "Poll the shards that 'monitor poll --dispatch' queued, as the Functions app does; run several to scale out.") { untilEmpty, concurrency };
        command.SetAction(async (parse, ct) =>
        {
            var sp = services();
            if (parse.GetValue(concurrency) is { } n)
            {
                if (n < 1) throw new MonitorInputException($"--concurrency must be at least 1, not {n}");
                sp.GetRequiredService<IOptions<PollingOptions>>().Value.WorkerConcurrency = n;
            }
            var r = await sp.GetRequiredService<QueueWorker>().RunAsync(parse.GetValue(untilEmpty), ct).ConfigureAwait(false);
            stdout.WriteLine($"Worked {r.Shards} shards ({r.Feeds} feeds, {r.FeedsFailed} failed) in {r.Elapsed.TotalSeconds:0.0} s: {r.ItemsNew} new items; " +
                             $"{r.Retried} shard attempts failed and were left to retry, {r.Poisoned} shards set aside as poison.");
            return 0;
        });
        return command;
    }
}
