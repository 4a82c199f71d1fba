using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Bench;

/// <summary>
/// The Functions worker's start-up, measured on the published output: src/Monitor.Functions is published twice
/// (ReadyToRun, as azd deploys it, and plain JIT), tests/Monitor.StartupProbe is copied into each and run R times
/// per variant in a fresh process against Azurite, on all cores and pinned to one core (taskset). The Functions host
/// (its own start, gRPC to the worker) is not in these numbers: it cannot run here.
/// </summary>
public sealed partial class StartupBenchmark(string repoRoot, int runs)
{
    public async Task<int> RunAsync()
    {
        var work = Directory.CreateTempSubdirectory("monitor-startup-").FullName;
        try
        {
            var probe = Path.Combine(repoRoot, "tests", "Monitor.StartupProbe", "bin", "Release", "net10.0", "Monitor.StartupProbe.dll");
            if (!File.Exists(probe)) Run("dotnet", ["build", "tests/Monitor.StartupProbe", "-c", "Release", "--nologo", "-v", "quiet"], repoRoot);
            var variants = new List<(string Name, string Folder)>();
            foreach (var (name, readyToRun) in new[] { ("ReadyToRun", "true"), ("JIT", "false") })
            {
                var folder = Path.Combine(work, name);
                Run("dotnet", ["publish", "src/Monitor.Functions", "-c", "Release", "-o", folder, "--nologo", "-v", "quiet", $"-p:PublishReadyToRun={readyToRun}"], repoRoot);
                File.Copy(probe, Path.Combine(folder, "Monitor.StartupProbe.dll"));
                variants.Add((name, folder));
            }

            using var azurite = new AzuriteProcess(repoRoot);
            Console.WriteLine($"Worker start-up to the first response (GET api/health, one storage round trip), {runs} runs each, median [min-max] ms:");
            var oneCore = File.Exists("/usr/bin/taskset");
            foreach (var (name, folder) in variants)
            {
                Probe(folder, azurite, pin: false); // warm the disk cache once: an instance reads its package from local disk too
                var all = Enumerable.Range(0, runs).Select(_ => Probe(folder, azurite, pin: false)).ToList();
                Print($"{name}, {Environment.ProcessorCount} cores", all);
                if (oneCore) Print($"{name}, 1 core", Enumerable.Range(0, runs).Select(_ => Probe(folder, azurite, pin: true)).ToList());
            }
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Print(string label, List<Dictionary<string, double>> results)
    {
        string Stat(string key)
        {
            var values = results.Select(r => r[key]).Order().ToList();
            return FormattableString.Invariant($"{values[values.Count / 2],5:0} [{values[0]:0}-{values[^1]:0}]");
        }
        Console.WriteLine($"  {label,-22} process start to first response {Stat("process_to_first_response_ms")}; of which runtime to Main {Stat("runtime_to_main_ms")}, host built {Stat("host_built_ms")}, Main to first response {Stat("first_response_ms")}");
    }

    private static Dictionary<string, double> Probe(string folder, AzuriteProcess azurite, bool pin)
    {
        string[] dotnet = ["dotnet", "exec", "--depsfile", "Monitor.Functions.deps.json", "--runtimeconfig", "Monitor.Functions.runtimeconfig.json", "Monitor.StartupProbe.dll"];
        var command = pin ? ["taskset", "-c", "0", .. dotnet] : dotnet;
        var output = Run(command[0], command[1..], folder, new Dictionary<string, string>
        {
            ["MONITOR_STORAGE"] = azurite.ConnectionString,
            ["Storage__TablePrefix"] = "startup",
        });
        var line = output.Split('\n').Single(l => l.StartsWith("status=", StringComparison.Ordinal));
        return Pair().Matches(line).ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static string Run(string file, string[] args, string directory, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? []) info.Environment[key] = value;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }

    [GeneratedRegex(@"(\w+)=(\d+(?:\.\d+)?)")]
    private static partial Regex Pair();
}
