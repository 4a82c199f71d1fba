using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Parsing;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Hosting;
using Monitor.Core.Polling;
using Monitor.Tests.Infrastructure;

namespace Monitor.Bench;

/// <summary>
/// The hostile feeds of issue 10 (item 2) served beside 20 ordinary feeds over loopback HTTP, polled into a real
/// Azurite. Prints, per feed, the CPU time and peak memory of parsing and clean-up alone, then a whole pass
/// (every feed at once, as the timer runs it) and a second pass over the unchanged bodies, and checks the
/// issue's targets: no feed over 2 s of CPU, the ordinary feeds all stored, peak memory under 300 MB.
/// </summary>
public sealed class HostileBenchmark(string repoRoot)
{
    private const int OrdinaryFeeds = 20;

    public async Task<int> RunAsync()
    {
        using var peakRss = new RssSampler();
        using var azurite = new AzuriteProcess(repoRoot);
        // The feeds are served by a process of their own (python3 -m http.server), so the memory measured is the poller's.
        using var server = new StaticServer();
        var feeds = new List<(string Name, FeedSource Source, HostileFeeds.Case? Hostile)>();
        var ordinaryBody = "";
        for (var n = 0; n < OrdinaryFeeds; n++)
        {
            var items = Enumerable.Range(0, 50).Select(k => new TestFeeds.Item($"Outlet {n}: Armenia and Azerbaijan, report {k}",
                $"https://outlet{n}.example/{k}", DateTimeOffset.UtcNow.AddHours(-k), "<p>Talks on the border <b>continued</b> in Yerevan and Baku.</p>")).ToArray();
            var rss = TestFeeds.Rss($"Outlet {n}", items);
            if (n == 0) ordinaryBody = rss;
            feeds.Add(($"ordinary-{n:00}", new FeedSource(server.Serve($"ordinary{n}.xml", rss)), null));
        }
        foreach (var hostile in HostileFeeds.All())
            feeds.Add((hostile.Name, new FeedSource(server.Serve(hostile.Name + (hostile.ContentType == "text/html" ? ".html" : ".xml"), hostile.Body)), hostile));

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MONITOR_STORAGE"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = $"hostile{Environment.ProcessId}",
            ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = "true",
        }).Build();
        await using var services = new ServiceCollection().AddMonitor(configuration).BuildServiceProvider();
        var runner = services.GetRequiredService<PollRunner>();
        var sources = feeds.Select(f => f.Source).ToList();

        Console.WriteLine($"{feeds.Count - OrdinaryFeeds} hostile feeds ({string.Join(", ", feeds.Where(f => f.Hostile is not null).Select(f => f.Name))}) beside {OrdinaryFeeds} ordinary feeds of 50 items");
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Console.WriteLine($"RSS before the pass: {PeakMemory.CurrentMiB()} MiB");
        peakRss.Reset();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var first = await runner.RunAsync(sources);
        var firstWall = clock.Elapsed;
        var firstCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var peak = peakRss.PeakMiB;
        Console.WriteLine();
        Console.WriteLine($"Pass 1 (all {sources.Count} feeds at once): {firstWall.TotalSeconds:0.00} s wall, {firstCpu.TotalSeconds:0.00} s CPU (process), peak RSS {peak} MiB");
        foreach (var (outcome, (name, _, _)) in first.Feeds.Zip(feeds).Where(p => p.Second.Hostile is not null || p.First.Status != FeedOutcomeStatus.Ok))
            Console.WriteLine($"  {name}: {outcome.Status}{(outcome.Reason is null ? $", {outcome.ItemsNew} new" : ": " + outcome.Reason)}");
        var ordinaryStored = first.Feeds.Take(OrdinaryFeeds).Count(f => f.Status == FeedOutcomeStatus.Ok && f.ItemsNew == 50);
        Console.WriteLine($"  ordinary feeds stored whole: {ordinaryStored} of {OrdinaryFeeds}");

        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var second = await runner.RunAsync(sources);
        Console.WriteLine($"Pass 2 (same bodies): {clock.Elapsed.TotalSeconds:0.00} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:0.00} s CPU (process); " +
                          $"{second.Feeds.Count(f => f.Status == FeedOutcomeStatus.NotModified)} unchanged (not parsed), {second.FeedsFailed} failed, {second.ItemsNew} new items");
        peak = Math.Max(peak, peakRss.PeakMiB);
        Console.WriteLine();
        Console.WriteLine("Each feed alone (parse and clean-up, no budget):");
        Console.WriteLine("| feed | body | parse + clean-up CPU | peak RSS while parsing | result |");
        Console.WriteLine("|---|---|---|---|---|");
        var worstCpu = TimeSpan.Zero;
        foreach (var (name, _, hostile) in feeds.Where(f => f.Hostile is not null).Concat(feeds.Take(1)))
        {
            var body = Encoding.UTF8.GetBytes(hostile?.Body ?? ordinaryBody);
            GC.Collect();
            peakRss.Reset();
            string result;
            TimeSpan cpu;
            using (var budget = ParseBudget.Start(TimeSpan.Zero)) // measured, not limited
            {
                try { result = $"{FeedIntake.Read(body, hostile?.ContentType, feeds[0].Source, DateTimeOffset.UtcNow, TimeSpan.Zero).Items.Count} item(s)"; }
                catch (FeedFormatException e) { result = "fails: " + e.Message; }
                if (hostile?.ContentType == "text/html")
                    result += $"; discovery finds {FeedDiscovery.Discover(hostile.Body, new Uri("https://hostile.example/")).Count} feed(s)";
                cpu = budget.Spent;
            }
            worstCpu = cpu > worstCpu ? cpu : worstCpu;
            Console.WriteLine($"| {name} | {body.Length / 1024.0:0} KiB | {cpu.TotalSeconds:0.000} s | {peakRss.PeakMiB} MiB | {result} |");
        }


        var checks = new (string What, bool Ok)[]
        {
            ($"no feed over 2 s of parse CPU (worst {worstCpu.TotalSeconds:0.000} s)", worstCpu <= TimeSpan.FromSeconds(2)),
            ($"the {OrdinaryFeeds} ordinary feeds all stored ({ordinaryStored})", ordinaryStored == OrdinaryFeeds),
            ($"peak RSS {peak} MiB < 300 MiB", peak < 300),
        };
        Console.WriteLine();
        foreach (var (what, ok) in checks) Console.WriteLine($"{(ok ? "PASS" : "FAIL")}  {what}");
        return checks.All(c => c.Ok) ? 0 : 1;
    }
}

/// <summary>The process's resident memory sampled every 5 ms, its maximum resettable (where clear_refs cannot reset VmHWM).</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private long _peak;

    public RssSampler() => _ = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            var now = PeakMemory.CurrentMiB();
            if (now > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, now);
            try { await Task.Delay(5, _stop.Token); } catch (OperationCanceledException) { }
        }
    });

    public long PeakMiB => Math.Max(Interlocked.Read(ref _peak), PeakMemory.CurrentMiB());

    public void Reset() => Interlocked.Exchange(ref _peak, PeakMemory.CurrentMiB());

    public void Dispose() => _stop.Cancel();
}

/// <summary>A folder of files served over loopback HTTP by python3 -m http.server, with Content-Length.</summary>
internal sealed class StaticServer : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-hostile").FullName;
    private readonly Process _process;
    private readonly int _port = AzuriteProcess.FreePort();

    public StaticServer()
    {
        _process = Python.Start("-m", "http.server", _port.ToString(), "--bind", "127.0.0.1", "--directory", _folder);
        using var probe = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            try { probe.GetAsync($"http://127.0.0.1:{_port}/").GetAwaiter().GetResult(); break; }
            catch (HttpRequestException) when (attempt < 100) { Thread.Sleep(100); }
        }
    }

    public string Serve(string name, string body)
    {
        File.WriteAllText(Path.Combine(_folder, name), body);
        return $"http://127.0.0.1:{_port}/{name}";
    }

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
