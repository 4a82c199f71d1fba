using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Hosting;
using Monitor.Core.Linking;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Bench;

/// <summary>
/// CPU per item of each step of a cold pass, on one thread, over the feed farm's bodies fetched once: parse,
/// normalise, link, and the coverage rows (with their JSON): what the pipeline itself costs. Then what writing
/// them costs this process (the Table SDK's transactions into a local Azurite), measured apart. Each step runs <c>rounds</c> times; the best round counts.
/// </summary>
public static class StageBenchmark
{
    public static async Task<int> RunAsync(string repoRoot, string farmScript, int feeds, int items, int rounds)
    {
        using var farm = new FeedFarm(farmScript, feeds, items, 20, 0);
        using var http = new HttpClient();
        var bodies = await Task.WhenAll(farm.Urls.Select(async u => (Url: u, Body: await http.GetByteArrayAsync(u))));
        using var azurite = new AzuriteProcess(repoRoot);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = "true",
            ["MONITOR_STORAGE"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = $"stages{Environment.ProcessId}",
        }).Build();
        using var services = new ServiceCollection().AddMonitor(configuration).BuildServiceProvider();
        var linker = services.GetRequiredService<Linker>();
        var now = DateTimeOffset.UtcNow;

        ParsedFeed[] parsed = [];
        List<FeedItem> normalised = [];
        List<CoverageLink> links = [];
        var rows = 0;
        var results = new List<(string Step, (double First, double Best, long Bytes) Cpu)>
        {
            ("parse", Best(rounds, () => parsed = bodies.Select(b => FeedParser.Parse(b.Body, "application/rss+xml")).ToArray())),
            ("normalise", Best(rounds, () => normalised = parsed.Zip(bodies).SelectMany(p => ItemNormaliser.Normalise(p.First, new FeedSource(p.Second.Url), now)).ToList())),
            ("link", Best(rounds, () => links = normalised.SelectMany(linker.Link).ToList())),
            ("coverage rows", Best(rounds, () => rows = links.SelectMany(CoverageStore.ToEntities).Count())),
        };
        Console.WriteLine($"{bodies.Length} feeds, {normalised.Count} items, {links.Count} linked, {rows} coverage rows; best of {rounds} rounds, one thread");
        Console.WriteLine("| step | first round (with JIT), ms | best round, ms | best, µs per item | allocated, KiB per item |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (step, (first, best, bytes)) in results)
            Console.WriteLine($"| {step} | {first:0} | {best:0} | {best * 1000 / normalised.Count:0.0} | {bytes / 1024.0 / normalised.Count:0.0} |");
        Console.WriteLine($"| total | {results.Sum(r => r.Cpu.First):0} | {results.Sum(r => r.Cpu.Best):0} | {results.Sum(r => r.Cpu.Best) * 1000 / normalised.Count:0.0} | {results.Sum(r => r.Cpu.Bytes) / 1024.0 / normalised.Count:0.0} |");
        await StoreAsync(services, normalised, links);
        return 0;
    }

    /// <summary>
    /// What the Table SDK costs this process to write the items and the coverage rows into Azurite (Azurite's own
    /// CPU is not counted), after a small warm-up write, with the allocations sampled by type.
    /// </summary>
    private static async Task StoreAsync(IServiceProvider services, List<FeedItem> items, List<CoverageLink> links)
    {
        var itemStore = services.GetRequiredService<ItemStore>();
        var coverageStore = services.GetRequiredService<CoverageStore>();
        await itemStore.SaveAsync(items.Take(10));
        await coverageStore.SaveAsync(links.Take(10));
        using var sampler = new AllocationSampler();
        var rows = links.Sum(l => l.Topics.Count + l.Claims.Count);
        var (itemCpu, itemBytes) = await MeasureAsync(() => itemStore.SaveAsync(items));
        var (rowCpu, rowBytes) = await MeasureAsync(() => coverageStore.SaveAsync(links));
        sampler.Stop();
        Console.WriteLine();
        Console.WriteLine("| write (Table SDK transactions, all threads) | CPU, ms | µs per entity | allocated, KiB per entity |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| {items.Count} items | {itemCpu:0} | {itemCpu * 1000 / items.Count:0} | {itemBytes / 1024.0 / items.Count:0.0} |");
        Console.WriteLine($"| {rows} coverage rows | {rowCpu:0} | {rowCpu * 1000 / rows:0} | {rowBytes / 1024.0 / rows:0.0} |");
        Console.WriteLine("Allocated during the writes, by type (sampled):");
        sampler.Print(8);
    }

    private static async Task<(double CpuMs, long Bytes)> MeasureAsync(Func<Task> write)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(true);
        await write();
        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, GC.GetTotalAllocatedBytes(true) - allocated);
    }

    /// <summary>CPU of the first and the best round, and the bytes the last round allocated (the same every round).</summary>
    private static (double First, double Best, long Bytes) Best(int rounds, Action step)
    {
        double first = 0, best = double.MaxValue;
        long bytes = 0;
        for (var i = 0; i < rounds; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            step();
            bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            var ms = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            if (i == 0) first = ms;
            best = Math.Min(best, ms);
        }
        return (first, best, bytes);
    }
}
