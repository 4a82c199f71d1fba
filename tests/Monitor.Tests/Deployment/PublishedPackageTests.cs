using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Deployment;

/// <summary>
/// What `azd deploy` ships: `dotnet publish src/Monitor.Functions -c Release` must hold functions.metadata with
/// every function of the app (found by reflection, so a function added later is checked too), the host and worker
/// configuration, and nothing local. After the test run's own build the publish is incremental (~25 s).
/// </summary>
[Trait("Category", "Slow")]
public sealed class PublishedPackageTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("monitor-publish-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public void Published_package_declares_every_function()
    {
        var printed = Publish();
        // No warning, NU1603 from the generated WorkerExtensions project included (it is restored at every build).
        Assert.DoesNotContain("warning", printed, StringComparison.OrdinalIgnoreCase);

        // ReadyToRun, as azd deploys it: precompiled code for the small Flex instances (docs/performance.md, start-up).
        foreach (var assembly in new[] { "Monitor.Functions.dll", "Monitor.Core.dll", "Monitor.Api.dll" })
            Assert.True(IsReadyToRun(Path.Combine(_output, assembly)), $"{assembly} is not ReadyToRun");

        foreach (var file in new[] { "functions.metadata", "host.json", "worker.config.json", "extensions.json", "Monitor.Functions.dll" })
            Assert.True(File.Exists(Path.Combine(_output, file)), $"{file} is not in the published package");
        Assert.False(File.Exists(Path.Combine(_output, "local.settings.json")), "local.settings.json must stay local");
        Assert.False(File.Exists(Path.Combine(_output, "local.settings.json.example")), "the example is for Core Tools, not Azure");
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")), File.ReadAllText(Path.Combine(_output, "host.json")));

        var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "worker.config.json"))).RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", worker.GetProperty("language").GetString());

        var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "functions.metadata"))).RootElement.EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!);
        var declared = typeof(Monitor.Functions.PollFeeds).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(f => f.Attribute is not null)
            .ToDictionary(f => f.Attribute!.Name, f => f.Method);
        Assert.NotEmpty(declared);
        Assert.Equal(declared.Keys.Order(StringComparer.Ordinal), metadata.Keys.Order(StringComparer.Ordinal));

        foreach (var (name, method) in declared)
        {
            var function = metadata[name];
            Assert.Equal("Monitor.Functions.dll", function.GetProperty("scriptFile").GetString());
            Assert.Equal($"{method.DeclaringType!.FullName}.{method.Name}", function.GetProperty("entryPoint").GetString());
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            switch (trigger.GetProperty("type").GetString())
            {
                case "timerTrigger":
                    // The schedule comes from an app setting, which infra/ sets (ConfigurationCoverageTests).
                    Assert.Matches("^%[A-Za-z]+%$", trigger.GetProperty("schedule").GetString()!);
                    break;
                case "httpTrigger":
                    // Function keys in Azure: no anonymous endpoint by accident (the health probe is the one on purpose).
                    if (name != "Health") Assert.NotEqual("Anonymous", trigger.GetProperty("authLevel").GetString());
                    break;
            }
        }
        Assert.Equal("%PollSchedule%", Trigger(metadata["PollFeeds"]).GetProperty("schedule").GetString());
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static bool IsReadyToRun(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private string Publish()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "publish", "src/Monitor.Functions", "-c", "Release", "-o", _output, "--nologo", "--disable-build-servers", "-v", "quiet" })
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dotnet publish did not finish in 8 minutes");
        }
        Assert.True(process.ExitCode == 0, $"dotnet publish exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result + stderr.Result;
    }
}
