using System.Diagnostics;
using System.Text.Json;

namespace Monitor.Bench;

/// <summary>The shared feed farm (../shared/bench/feedfarm.py): N feeds over H loopback ports, each answer delayed.</summary>
public sealed class FeedFarm : IDisposable
{
    private readonly Process _process;
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-farm").FullName;
    private readonly HttpClient _http = new();
    private readonly string _control;

    /// <param name="maxAge">Cache-Control max-age the farm sends; null for its default (60 s), 0 for none.</param>
    public FeedFarm(string script, int feeds, int items, int hosts, int latencyMs, int? maxAge = null)
    {
        _process = Python.Start(script, "--feeds", feeds.ToString(), "--items", items.ToString(), "--ports", hosts.ToString(),
            "--latency-ms", latencyMs.ToString(), "--out", _folder, "--max-age", (maxAge ?? 60).ToString());
        var farmJson = Path.Combine(_folder, "farm.json");
        var deadline = DateTime.UtcNow.AddSeconds(120); // 10,000 feeds take a while to generate
        while (!File.Exists(farmJson))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("the feed farm did not start");
            Thread.Sleep(100);
        }
        Thread.Sleep(100); // farm.json is written last, but give the writer a moment to close it
        using var doc = JsonDocument.Parse(File.ReadAllText(farmJson));
        var port = doc.RootElement.GetProperty("ports")[0].GetInt32();
        _control = $"http://127.0.0.1:{port}";
        Urls = File.ReadAllLines(Path.Combine(_folder, "urls.txt")).Where(l => l.Length > 0).ToList();
    }

    public IReadOnlyList<string> Urls { get; }

    /// <summary>Every feed gets new items and new validators.</summary>
    public Task ChangeAsync() => _http.GetStringAsync(_control + "/change");

    /// <summary>Request counters since the last reset; resets them.</summary>
    public async Task<JsonElement> StatsAsync() =>
        JsonDocument.Parse(await _http.GetStringAsync(_control + "/stats?reset=1")).RootElement.Clone();

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
        _http.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A python3 process whose output is read and dropped (so it never blocks on a full pipe).</summary>
internal static class Python
{
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
