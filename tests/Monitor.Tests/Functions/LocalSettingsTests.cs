using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Monitor.Functions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Functions;

/// <summary>
/// What a user with Core Tools starts from: local.settings.json.example points the host at Azurite, sets every timer's
/// schedule, holds no secret, and the real local.settings.json (which may) stays out of git; the README says how.
/// </summary>
public sealed partial class LocalSettingsTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "src", "Monitor.Functions");

    [Fact]
    public void The_example_runs_on_azurite_with_every_schedule_and_no_secret()
    {
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "local.settings.json.example")));
        Assert.False(example.RootElement.GetProperty("IsEncrypted").GetBoolean());
        var values = example.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);

        var schedules = typeof(PollFeeds).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()?.Schedule)
            .OfType<string>()
            .Select(s => s.Trim('%'))
            .ToList();
        Assert.Equal(["DigestSchedule", "PollSchedule"], schedules.Order());
        foreach (var name in schedules) Assert.Matches(@"^\S+ \S+ \S+ \S+ \S+ \S+$", values[name]!);

        foreach (var (name, value) in values)
        {
            Assert.DoesNotMatch(Secretish(), name);
            Assert.DoesNotContain("AccountKey=", value ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_real_settings_file_is_ignored_by_git_and_the_readme_says_how_to_run_the_host()
    {
        Assert.Contains(File.ReadAllLines(Path.Combine(RepoPaths.Root, ".gitignore")), l => l.Trim() == "local.settings.json");
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("### Run the Functions app locally", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", StringComparison.Ordinal)];
        Assert.Contains("func start", section);
        Assert.Contains("cp src/Monitor.Functions/local.settings.json.example src/Monitor.Functions/local.settings.json", section);
        Assert.Contains("azurite", section);
    }

    [GeneratedRegex("password|secret|key$|connectionstring", RegexOptions.IgnoreCase)]
    private static partial Regex Secretish();
}
