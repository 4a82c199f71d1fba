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
/// Polling passes over the feed farm into a real Azurite: cold (every item new), all unchanged (304) and
/// 2% new, each run several times. Prints wall time, storage requests and peak memory per pass, and the
/// issue's targets beside them.
/// </summary>
public sealed class PollBenchmark(string repoRoot, string farmScript, int feeds, int items, int hosts, int latencyMs, int runs)
{
    private sealed record Pass(string Scenario, double Seconds, int StorageRequests, int ItemsNew, int ChangedFeeds, long PeakMiB, JsonElement Farm);

    public async Task<int> RunAsync()
    {
        using var azurite = new AzuriteProcess(repoRoot);
        using var farm = new FeedFarm(farmScript, feeds, items, hosts, latencyMs);
        var sources = farm.Urls.Select(u => new FeedSource(u)).ToList();
        var passes = new List<Pass>();
        Console.WriteLine($"Process RSS before the first pass: {PeakMemory.CurrentMiB()} MiB");
        Console.WriteLine($"Feed farm: {feeds} feeds x {items} items on {hosts} loopback ports, {latencyMs} ms per answer; Azurite on 127.0.0.1:{azurite.Port}");

        for (var run = 1; run <= runs; run++)
        {
            var counter = new RequestCounter();
            var clock = new PollClock();
            await using var services = Services(azurite, $"bench{run}x{Environment.ProcessId}", counter, clock);
            var runner = services.GetRequiredService<PollRunner>();
            await services.GetRequiredService<MonitorTables>().EnsureCreatedAsync();
            await farm.StatsAsync();
            GC.Collect();
            passes.Add(await MeasureAsync("cold", runner, sources, counter, farm));
            clock.NextPass(); // a pass every 15 minutes: the farm's max-age (60 s) has run out
            passes.Add(await MeasureAsync("unchanged (304)", runner, sources, counter, farm));
            clock.NextPass();
            await farm.ChangeAsync();
            await farm.StatsAsync();
            passes.Add(await MeasureAsync("2% new", runner, sources, counter, farm));
            Console.WriteLine($"run {run}: " + string.Join("; ", passes.TakeLast(3).Select(p => $"{p.Scenario} {p.Seconds:0.00} s, {p.StorageRequests} storage requests, peak {p.PeakMiB} MiB")));
        }

        Console.WriteLine();
        Console.WriteLine($"| scenario | wall (median of {runs}) | storage requests | per feed | new items | peak RSS | farm: 200s / 304s / max in flight |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var group in passes.GroupBy(p => p.Scenario))
        {
            var median = group.OrderBy(p => p.Seconds).ElementAt(group.Count() / 2);
            Console.WriteLine($"| {group.Key} | {median.Seconds:0.00} s | {median.StorageRequests} | {median.StorageRequests / (double)feeds:0.00} | {median.ItemsNew} | {group.Max(p => p.PeakMiB)} MiB | " +
                              $"{median.Farm.GetProperty("ok200").GetInt32()} / {median.Farm.GetProperty("not_modified304").GetInt32()} / {median.Farm.GetProperty("max_inflight").GetInt32()} |");
        }

        var unchanged = passes.Where(p => p.Scenario.StartsWith("unchanged")).OrderBy(p => p.Seconds).ElementAt(runs / 2);
        var changed = passes.Where(p => p.Scenario == "2% new").OrderBy(p => p.Seconds).ElementAt(runs / 2);
        var budget = 2 * changed.ChangedFeeds + (int)Math.Ceiling(changed.ItemsNew / 25.0);
        var checks = new (string What, bool Ok)[]
        {
            ($"unchanged pass {unchanged.Seconds:0.00} s <= 2 s", unchanged.Seconds <= 2),
            ($"unchanged pass {unchanged.StorageRequests} storage requests <= 1 per feed ({feeds})", unchanged.StorageRequests <= feeds),
            ($"2% new pass {changed.Seconds:0.00} s <= 5 s", changed.Seconds <= 5),
            ($"2% new pass {changed.StorageRequests} storage requests <= 2 per changed feed + 1 per 25 new items ({budget})", changed.StorageRequests <= budget),
            ($"peak RSS {passes.Max(p => p.PeakMiB)} MiB <= 200 MiB", passes.Max(p => p.PeakMiB) <= 200),
        };
        Console.WriteLine();
        foreach (var (what, ok) in checks) Console.WriteLine($"{(ok ? "PASS" : "FAIL")}  {what}");
        return checks.All(c => c.Ok) ? 0 : 1;
    }

    private static async Task<Pass> MeasureAsync(string scenario, PollRunner runner, IReadOnlyList<FeedSource> sources, RequestCounter counter, FeedFarm farm)
    {
        counter.Reset();
        PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var report = await runner.RunAsync(sources);
        var seconds = clock.Elapsed.TotalSeconds;
        if (report.FeedsFailed > 0)
            throw new InvalidOperationException($"{scenario}: {report.FeedsFailed} feeds failed, e.g. {report.Feeds.First(f => f.IsFailure).Reason}");
        return new Pass(scenario, seconds, counter.Count, report.ItemsNew, report.Feeds.Count(f => f.ItemsNew > 0),
            PeakMemory.PeakMiB(), await farm.StatsAsync());
    }

    private static ServiceProvider Services(AzuriteProcess azurite, string prefix, RequestCounter counter, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MONITOR_STORAGE"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = "true",
        }).Build();
        var services = new ServiceCollection().AddSingleton(clock).AddMonitor(configuration);
        services.PostConfigure<StorageOptions>(o =>
        {
            o.ClientOptions = StorageClients.DefaultTableOptions();
            o.ClientOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
        });
        return services.BuildServiceProvider();
    }
}

/// <summary>The real clock, moved on by the polling interval between passes, as the timer would (not FakeTimeProvider: a timed pass needs real time running).</summary>
internal sealed class PollClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    public void NextPass() => _offset += TimeSpan.FromMinutes(15);
}
