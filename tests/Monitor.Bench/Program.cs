using Monitor.Bench;

// Benchmarks print their numbers; they are not part of the test suite. Usage:
//   dotnet run -c Release --project tests/Monitor.Bench -- poll [--feeds 200] [--items 50] [--hosts 20] [--latency-ms 50] [--runs 3]
//   dotnet run -c Release --project tests/Monitor.Bench -- link [--items 20000]
//   dotnet run -c Release --project tests/Monitor.Bench -- fanout [--feeds 10000] [--items 20] [--hosts 200] [--latency-ms 50] [--workers 1,2,4]
//   dotnet run -c Release --project tests/Monitor.Bench -- stages [--feeds 200] [--items 50] [--runs 5]   (CPU per item of each step)
//   dotnet run -c Release --project tests/Monitor.Bench -- cv [--folds 5] [--per-item FILE]   # needs ../shared/eval
//   dotnet run -c Release --project tests/Monitor.Bench -p:MiniLm=true -- cv-minilm [--folds 5]   (dense-model ablation)
//   dotnet run -c Release --project tests/Monitor.Bench -- serve [--items 10000] [--clients 50] [--seconds 30] [--limit 50] [--cache-seconds N]
//   dotnet run -c Release --project tests/Monitor.Bench -- startup [--runs 9]
//   dotnet run -c Release --project tests/Monitor.Bench -- hostile
var root = FindRoot();
var farmScript = Path.GetFullPath(Path.Combine(root, "..", "shared", "bench", "feedfarm.py"));
if (args.Length > 0 && args[0] == "startup") return await new StartupBenchmark(root, Arg("--runs", 9)).RunAsync();
if (args.Length > 0 && args[0] == "link") return LinkBenchmark.Run(Arg("--items", 20_000));
if (args.Length > 0 && args[0] == "fanout-worker") return await FanOutBenchmark.RunWorkerAsync();
if (args.Length > 0 && args[0] == "fanout")
    return File.Exists(farmScript)
        ? await new FanOutBenchmark(root, farmScript, Arg("--feeds", 10_000), Arg("--items", 20), Arg("--hosts", 200), Arg("--latency-ms", 50),
            (Array.IndexOf(args, "--workers") is var w and >= 0 && w + 1 < args.Length ? args[w + 1] : "1,2,4").Split(',').Select(int.Parse).ToArray()).RunAsync()
        : 0;
if (args.Length > 0 && args[0] == "stages") return File.Exists(farmScript) ? await StageBenchmark.RunAsync(root, farmScript, Arg("--feeds", 200), Arg("--items", 50), Arg("--runs", 5)) : 0;
if (args.Length > 0 && args[0] == "hostile") return await new HostileBenchmark(root).RunAsync();
if (args.Length > 0 && args[0] == "cv-minilm") return DenseAblation.Run(root, Arg("--folds", 5));
if (args.Length > 0 && args[0] == "cv") return LinkEvaluation.Run(root, Arg("--folds", 5), Text("--per-item"));
if (args.Length > 0 && args[0] == "serve") return await new ServeBenchmark(root, Arg("--items", 10_000), Arg("--clients", 50), Arg("--seconds", 30), Arg("--limit", 50), Arg("--cache-seconds", -1)).RunAsync();
if (args.Length == 0 || args[0] != "poll")
{
    Console.Error.WriteLine("usage: bench poll [--feeds N] [--items N] [--hosts N] [--latency-ms N] [--runs N] | bench link [--items N] | bench cv [--folds N] [--per-item FILE] | bench serve [--items N] [--clients N] [--seconds N] [--limit N] [--cache-seconds N] | bench startup [--runs N] | bench hostile");
    return 2;
}
if (!File.Exists(farmScript))
{
    Console.Error.WriteLine($"skipped: the feed farm {farmScript} is absent (../shared beside the clone)");
    return 0;
}
string? Text(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
int Arg(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var v) ? v : fallback;
}
return await new PollBenchmark(root, farmScript, Arg("--feeds", 200), Arg("--items", 50), Arg("--hosts", 20), Arg("--latency-ms", 50), Arg("--runs", 3)).RunAsync();

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln"))) return dir.FullName;
    throw new InvalidOperationException("Monitor.sln not found");
}
