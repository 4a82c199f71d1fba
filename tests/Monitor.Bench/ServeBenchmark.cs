using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Hosting;
using Monitor.Core.Linking;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Bench;

/// <summary>
/// `monitor serve` under load: N linked items of one topic in Azurite, the CLI's serve in its own process, and
/// C clients asking for the topic's newest page (limit L) in a loop for S seconds. Prints p50/p95/p99, throughput
/// and errors, and the issue's target (p95 at most 50 ms, no errors) beside them.
/// </summary>
public sealed partial class ServeBenchmark(string repoRoot, int items, int clients, int seconds, int limit, int cacheSeconds)
{
    private const string Article = "cradle-2022-09-armenia-azerbaijan";
    private const string Topic = "zangezur-corridor";

    public async Task<int> RunAsync()
    {
        using var azurite = new AzuriteProcess(repoRoot);
        var prefix = $"serve{Environment.ProcessId}";
        var seeding = Stopwatch.StartNew();
        await SeedAsync(azurite, prefix);
        Console.WriteLine($"Seeded {items} linked items (topic {Topic}, claim C03) in {seeding.Elapsed.TotalSeconds:0.0} s; Azurite on 127.0.0.1:{azurite.Port}");

        using var serve = StartServe(azurite, prefix, out var baseAddress);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var path = $"api/topics/{Topic}/coverage?limit={limit}";

        using (var check = JsonDocument.Parse(await http.GetStringAsync(path)))
        {
            var page = check.RootElement;
            var shown = page.GetProperty("items").GetArrayLength();
            Console.WriteLine($"GET /{path}: {shown} stories, continuation {(page.TryGetProperty("continuation", out _) ? "present" : "absent")}");
            if (shown == 0) throw new InvalidOperationException("the page is empty: seeding failed");
        }
        await LoadAsync(http, path, clients, TimeSpan.FromSeconds(3)); // warm-up: JIT, connections, Azurite caches

        var result = await LoadAsync(http, path, clients, TimeSpan.FromSeconds(seconds));
        var sorted = result.Latencies.Order().ToArray();
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine();
        Console.WriteLine($"| items | clients | seconds | requests | req/s | p50 | p95 | p99 | max | errors |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {items} | {clients} | {seconds} | {sorted.Length} | {sorted.Length / result.Elapsed.TotalSeconds:0} | {P(0.50):0.0} ms | {P(0.95):0.0} ms | {P(0.99):0.0} ms | {(sorted.Length > 0 ? sorted[^1] : double.NaN):0.0} ms | {result.Errors} |");
        if (result.FirstError is { } e) Console.WriteLine($"first error: {e}");
        var ok = P(0.95) <= 50 && result.Errors == 0;
        Console.WriteLine();
        Console.WriteLine($"{(P(0.95) <= 50 ? "PASS" : "FAIL")}  p95 {P(0.95):0.0} ms <= 50 ms");
        Console.WriteLine($"{(result.Errors == 0 ? "PASS" : "FAIL")}  {result.Errors} errors");
        return ok ? 0 : 1;
    }

    private sealed record Load(List<double> Latencies, int Errors, string? FirstError, TimeSpan Elapsed);

    /// <summary>Closed loop: each client sends its next request when the previous answered; bounded by time.</summary>
    private static async Task<Load> LoadAsync(HttpClient http, string path, int clients, TimeSpan duration)
    {
        var errors = 0;
        string? firstError = null;
        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                    if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"HTTP {(int)response.StatusCode}");
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        }));
        return new Load(latencies.SelectMany(l => l).ToList(), errors, firstError, clock.Elapsed);
    }

    /// <summary>Items with distinct headlines (so no two fold into one story), one every few hours since the article.</summary>
    private async Task SeedAsync(AzuriteProcess azurite, string prefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MONITOR_STORAGE"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
        }).Build();
        await using var services = new ServiceCollection().AddMonitor(configuration).BuildServiceProvider();
        var random = new Random(20220920);
        var start = new DateTimeOffset(2022, 9, 21, 0, 0, 0, TimeSpan.Zero);
        var evidence = new LinkEvidence(["Zangezur", "corridor", "Syunik"], "Baku again demanded a Zangezur corridor through Syunik.");
        var links = Enumerable.Range(0, items).Select(i =>
        {
            var title = string.Join(' ', Enumerable.Range(0, 9).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
            var item = new FeedItem
            {
                Id = $"{i:x8}{random.NextInt64():x16}".PadRight(32, '0')[..32], Url = $"https://bench.example/{i}", Title = $"{title} ({i})",
                Summary = $"{title}. The route through Syunik would link Azerbaijan with Nakhchivan, item {i}.",
                Published = start.AddMinutes(i * 150), Source = $"Outlet {i % 40}", FeedUrl = $"https://bench.example/feed{i % 40}.xml",
                FirstSeen = start.AddMinutes(i * 150 + 10),
            };
            return new CoverageLink(Article, item, [new TopicLink(Topic, 0.55, evidence)], [new ClaimLink("C03", [Topic], 0.42, evidence)]);
        });
        await services.GetRequiredService<CoverageStore>().SaveAsync(links.ToList());
    }

    /// <summary>`dotnet monitor.dll serve` from the CLI's build output, on a port Kestrel picks.</summary>
    private Process StartServe(AzuriteProcess azurite, string prefix, out Uri baseAddress)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(repoRoot, "src", "Monitor.Cli", "bin", configuration, "net10.0", "monitor.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "serve", "--urls", "http://127.0.0.1:0" }) start.ArgumentList.Add(a);
        start.Environment["MONITOR_STORAGE"] = azurite.ConnectionString;
        start.Environment["Storage__TablePrefix"] = prefix;
        if (cacheSeconds >= 0) start.Environment["Api__CacheSeconds"] = cacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"serve: {e.Data}"); };
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && process.StandardOutput.ReadLine() is { } line)
        {
            if (Listening().Match(line) is { Success: true } m)
            {
                baseAddress = new Uri(m.Groups[1].Value + "/");
                Console.WriteLine($"monitor serve (pid {process.Id}) on {baseAddress}, page cache {(cacheSeconds >= 0 ? $"{cacheSeconds} s" : "default")}");
                return process;
            }
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"monitor serve did not start ({dll})");
    }

    [GeneratedRegex(@"Listening on (http://[^ ]+) ")]
    private static partial Regex Listening();

    private static readonly string[] Vocabulary =
    [
        "Armenia", "Azerbaijan", "Baku", "Yerevan", "corridor", "route", "Syunik", "Nakhchivan", "railway", "highway", "talks", "transit",
        "border", "customs", "Iran", "Turkey", "Russia", "guards", "envoy", "minister", "plan", "proposal", "draft", "deal", "rejects",
        "backs", "warns", "urges", "studies", "opens", "delays", "signs", "reviews", "freight", "trade", "link", "bridge", "tunnel",
        "Meghri", "Aras", "valley", "station", "traffic", "control", "access", "security", "funding", "survey", "tender", "contract",
        "loan", "bank", "investor", "engineers", "villagers", "mayor", "parliament", "opposition", "protest", "summit", "statement",
        "clause", "map", "sovereignty", "jurisdiction", "checkpoint", "lease", "company", "consortium", "Washington", "Moscow", "Tehran",
    ];
}
