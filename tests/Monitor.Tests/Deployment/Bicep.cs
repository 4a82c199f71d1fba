using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Deployment;

/// <summary>
/// The Bicep compiler from the NuGet package Azure.Bicep.CommandLine.linux-x64 (its $(BicepPath) is written into
/// this assembly's metadata by Monitor.Tests.csproj), and infra/main.bicep compiled once per test run.
/// </summary>
internal static partial class Bicep
{
    public static string Infra => Path.Combine(RepoPaths.Root, "infra");
    public static string MainTemplate => Path.Combine(Infra, "main.bicep");

    public static string Executable { get; } = Find();

    private static readonly Lazy<(Result Build, JsonElement Json)> CompiledMain = new(() => Compile(MainTemplate));

    /// <summary>The ARM JSON of infra/main.bicep, nested module templates included.</summary>
    public static JsonElement Compiled => CompiledMain.Value.Json;

    /// <summary>What `bicep build infra/main.bicep` printed when it made <see cref="Compiled"/>.</summary>
    public static Result Build => CompiledMain.Value.Build;

    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string Output => (StdOut + "\n" + StdErr).Trim();

        /// <summary>Every diagnostic line ("file(line,col) : Warning|Error|Info code: text").</summary>
        public IReadOnlyList<string> Diagnostics =>
            Output.Split('\n').Select(l => l.Trim()).Where(l => DiagnosticLine().IsMatch(l)).ToList();
    }

    public static Result Run(params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Infra,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Offline and quiet: no telemetry, no version check.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static (Result Build, JsonElement Json) Compile(string template)
    {
        var outDir = Directory.CreateTempSubdirectory("monitor-bicep-").FullName;
        try
        {
            var result = Run("build", template, "--outdir", outDir);
            Assert.True(result.ExitCode == 0, $"bicep build failed:\n{result.Output}");
            var json = Path.Combine(outDir, Path.GetFileNameWithoutExtension(template) + ".json");
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            return (result, document.RootElement.Clone());
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private static string Find()
    {
        var configured = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrWhiteSpace(configured))
            throw new InvalidOperationException("BicepPath is not in the test assembly's metadata: is Azure.Bicep.CommandLine.linux-x64 referenced by Monitor.Tests.csproj?");
        // The package's props join the folder and the file name with a backslash.
        var path = Path.GetFullPath(configured.Replace('\\', Path.DirectorySeparatorChar));
        if (!File.Exists(path)) throw new FileNotFoundException($"bicep is not at {path}: restore Monitor.Tests", path);
        if (!OperatingSystem.IsWindows())
        {
            // NuGet extracts it as rwxr--r--: enough for root (CI), not for another user.
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & execute) != execute)
            {
                try { File.SetUnixFileMode(path, mode | execute); }
                catch (UnauthorizedAccessException) { /* not ours to change: running it says whether it works */ }
            }
        }
        return path;
    }

    [GeneratedRegex(@"^.+\(\d+,\d+\) : (Error|Warning|Info) [^:]+: ")]
    private static partial Regex DiagnosticLine();
}
