using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Hosting;
using Monitor.Core.Polling;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Bench;

/// <summary>
/// The fan-out at scale: the feed farm (default 10,000 feeds × 20 items over 200 hosts, 50 ms) into a fresh Azurite
/// (tables and queues) per worker count. Each pass is a dispatch (in this process) and N worker processes
/// (`bench fanout-worker`, the same QueueWorker as `monitor worker --until-empty`, with a request counter) run
/// until the queue is drained: cold, all unchanged, 2% new. Prints wall time, items/s, storage requests per feed
/// (dispatcher and workers, queue requests included) and each worker's peak RSS.
/// </summary>
public sealed class FanOutBenchmark(string repoRoot, string farmScript, int feeds, int items, int hosts, int latencyMs, int[] workerCounts)
{
    private sealed record Worker(int Requests, long PeakMiB, int Shards, int Feeds, int ItemsNew, double CpuSeconds);

    private sealed record Pass(int Workers, string Scenario, double Seconds, int Dispatched, int Shards, int ItemsNew, int Requests, long MaxWorkerMiB, double WorkerCpu);

    public async Task<int> RunAsync()
    {
        using var farm = new FeedFarm(farmScript, feeds, items, hosts, latencyMs, maxAge: 0);
        var list = Path.Combine(Directory.CreateTempSubdirectory("monitor-fanout").FullName, "feeds.txt");
        await File.WriteAllLinesAsync(list, farm.Urls);
        var sources = farm.Urls.Select(u => new FeedSource(u)).ToList();
        Console.WriteLine($"Feed farm: {feeds} feeds x {items} items on {hosts} loopback ports, {latencyMs} ms per answer; {Environment.ProcessorCount} cores");
        var passes = new List<Pass>();
        foreach (var workers in workerCounts)
        {
            // A fresh Azurite per worker count: each cold pass starts from empty storage, and memory stays bounded.
            using var azurite = new AzuriteProcess(repoRoot);
            var prefix = $"fan{workers}x{Environment.ProcessId}";
            foreach (var scenario in new[] { "cold", "unchanged (304)", "2% new" })
            {
                if (scenario == "2% new") await farm.ChangeAsync();
                await farm.StatsAsync();
                var pass = await MeasureAsync(azurite, prefix, sources, workers, scenario);
                passes.Add(pass);
                Console.WriteLine($"{workers} worker(s), {scenario}: {pass.Seconds:0.0} s, {pass.Dispatched} feeds in {pass.Shards} shards, {pass.ItemsNew} new items, " +
                                  $"{pass.Requests} storage requests, worker peak {pass.MaxWorkerMiB} MiB, worker CPU {pass.WorkerCpu:0.0} s");
            }
        }

        Console.WriteLine();
        Console.WriteLine("| workers | pass | wall | items/s | storage requests | per feed | worker CPU | peak RSS per worker |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var p in passes)
            Console.WriteLine($"| {p.Workers} | {p.Scenario} | {p.Seconds:0.0} s | {(p.ItemsNew > 0 ? (p.ItemsNew / p.Seconds).ToString("0") : "-")} | {p.Requests} | {p.Requests / (double)feeds:0.00} | {p.WorkerCpu:0.0} s | {p.MaxWorkerMiB} MiB |");
        var cold = passes.Where(p => p.Scenario == "cold").ToList();
        if (cold.Count > 1)
        {
            Console.WriteLine();
            foreach (var p in cold.Skip(1))
                Console.WriteLine($"cold speedup {cold[0].Workers} -> {p.Workers} workers: {cold[0].Seconds / p.Seconds:0.00}x");
            var shardCost = cold[0].WorkerCpu / Math.Max(1, cold[0].Shards);
            Console.WriteLine($"measured cost per shard (1 worker, cold): {shardCost:0.00} CPU-s for {feeds / Math.Max(1, cold[0].Shards)} feeds");
        }
        return 0;
    }

    private async Task<Pass> MeasureAsync(AzuriteProcess azurite, string prefix, IReadOnlyList<FeedSource> sources, int workers, string scenario)
    {
        var counter = new RequestCounter();
        await using var services = Services(azurite.ConnectionString, prefix, counter);
        var clock = Stopwatch.StartNew();
        var dispatched = await services.GetRequiredService<ShardDispatcher>().DispatchAsync(sources);
        var processes = Enumerable.Range(0, workers).Select(_ => StartWorker(azurite.ConnectionString, prefix)).ToList();
        var results = await Task.WhenAll(processes.Select(ReadWorkerAsync));
        var seconds = clock.Elapsed.TotalSeconds;
        return new Pass(workers, scenario, seconds, dispatched.Dispatched, dispatched.Shards, results.Sum(r => r.ItemsNew),
            counter.Count + results.Sum(r => r.Requests), results.Max(r => r.PeakMiB), results.Sum(r => r.CpuSeconds));
    }

    private static Process StartWorker(string connection, string prefix)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(FanOutBenchmark).Assembly.Location);
        info.ArgumentList.Add("fanout-worker");
        info.Environment["MONITOR_STORAGE"] = connection;
        info.Environment["BENCH_PREFIX"] = prefix;
        return Process.Start(info)!;
    }

    private static async Task<Worker> ReadWorkerAsync(Process process)
    {
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || last is null)
            throw new InvalidOperationException($"a worker exited with {process.ExitCode}: {await error}");
        return JsonSerializer.Deserialize<Worker>(last)!;
    }

    /// <summary>`bench fanout-worker`: one worker process, run until the queue is drained; prints one JSON line.</summary>
    public static async Task<int> RunWorkerAsync()
    {
        var counter = new RequestCounter();
        await using var services = Services(Environment.GetEnvironmentVariable("MONITOR_STORAGE")!, Environment.GetEnvironmentVariable("BENCH_PREFIX")!, counter);
        var report = await services.GetRequiredService<QueueWorker>().RunAsync(untilEmpty: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new Worker(counter.Count, PeakMemory.PeakMiB(), report.Shards, report.Feeds, report.ItemsNew, cpu)));
        return 0;
    }

    private static ServiceProvider Services(string connection, string prefix, RequestCounter counter)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MONITOR_STORAGE"] = connection,
            ["Storage:TablePrefix"] = prefix,
            ["Polling:QueueName"] = prefix.ToLowerInvariant() + "-shards",
            ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = "true",
        }).Build();
        var services = new ServiceCollection().AddMonitor(configuration);
        services.PostConfigure<StorageOptions>(o =>
        {
            o.ClientOptions = StorageClients.DefaultTableOptions();
            o.ClientOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
            o.QueuePolicies.Add(counter);
        });
        return services.BuildServiceProvider();
    }
}
