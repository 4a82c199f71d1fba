using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Hosting;
using Monitor.Core.Linking;
using Monitor.Core.Storage;

namespace Monitor.Bench;

/// <summary>
/// CPU per item of each step of a cold pass, on one thread, over the feed farm's bodies fetched once: parse,
/// normalise, link, and the coverage rows (with their JSON). Storage and the network are left out, so the
/// figures are what the pipeline itself costs. Each step runs <c>rounds</c> times; the best round counts.
/// </summary>
public static class StageBenchmark
{
    public static async Task<int> RunAsync(string farmScript, int feeds, int items, int rounds)
    {
        using var farm = new FeedFarm(farmScript, feeds, items, 20, 0);
        using var http = new HttpClient();
        var bodies = await Task.WhenAll(farm.Urls.Select(async u => (Url: u, Body: await http.GetByteArrayAsync(u))));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = "true" }).Build();
        using var services = new ServiceCollection().AddMonitor(configuration).BuildServiceProvider();
        var linker = services.GetRequiredService<Linker>();
        var now = DateTimeOffset.UtcNow;

        ParsedFeed[] parsed = [];
        List<FeedItem> normalised = [];
        List<CoverageLink> links = [];
        var rows = 0;
        var results = new List<(string Step, (double First, double Best) Cpu)>
        {
            ("parse", Best(rounds, () => parsed = bodies.Select(b => FeedParser.Parse(b.Body, "application/rss+xml")).ToArray())),
            ("normalise", Best(rounds, () => normalised = parsed.Zip(bodies).SelectMany(p => ItemNormaliser.Normalise(p.First, new FeedSource(p.Second.Url), now)).ToList())),
            ("link", Best(rounds, () => links = normalised.SelectMany(linker.Link).ToList())),
            ("coverage rows", Best(rounds, () => rows = links.SelectMany(CoverageStore.ToEntities).Count())),
        };
        Console.WriteLine($"{bodies.Length} feeds, {normalised.Count} items, {links.Count} linked, {rows} coverage rows; best of {rounds} rounds, one thread");
        Console.WriteLine("| step | first round (with JIT), ms | best round, ms | best, µs per item |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (step, (first, best)) in results) Console.WriteLine($"| {step} | {first:0} | {best:0} | {best * 1000 / normalised.Count:0.0} |");
        Console.WriteLine($"| total | {results.Sum(r => r.Cpu.First):0} | {results.Sum(r => r.Cpu.Best):0} | {results.Sum(r => r.Cpu.Best) * 1000 / normalised.Count:0.0} |");
        return 0;
    }

    private static (double First, double Best) Best(int rounds, Action step)
    {
        double first = 0, best = double.MaxValue;
        for (var i = 0; i < rounds; i++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            step();
            var ms = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            if (i == 0) first = ms;
            best = Math.Min(best, ms);
        }
        return (first, best);
    }
}
