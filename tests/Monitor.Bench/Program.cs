using Monitor.Bench;

// Benchmarks print their numbers; they are not part of the test suite. Usage:
//   dotnet run -c Release --project tests/Monitor.Bench -- poll [--feeds 200] [--items 50] [--hosts 20] [--latency-ms 50] [--runs 3]
//   dotnet run -c Release --project tests/Monitor.Bench -- link [--items 20000]
var root = FindRoot();
var farmScript = Path.GetFullPath(Path.Combine(root, "..", "shared", "bench", "feedfarm.py"));
if (args.Length > 0 && args[0] == "link") return LinkBenchmark.Run(Arg("--items", 20_000));
if (args.Length == 0 || args[0] != "poll")
{
    Console.Error.WriteLine("usage: bench poll [--feeds N] [--items N] [--hosts N] [--latency-ms N] [--runs N] | bench link [--items N]");
    return 2;
}
if (!File.Exists(farmScript))
{
    Console.Error.WriteLine($"skipped: the feed farm {farmScript} is absent (../shared beside the clone)");
    return 0;
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
