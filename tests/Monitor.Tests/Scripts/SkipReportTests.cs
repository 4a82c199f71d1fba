using System.Diagnostics;
using System.Text.RegularExpressions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Scripts;

/// <summary>
/// A skipped test says why: every Skip.If/IfNot gives a reason, scripts/test.sh prints each skipped test with it
/// (scripts/skipped.mjs over the run's TRX files; the console logger prints only the name), and the README lists
/// every condition that skips tests.
/// </summary>
public sealed partial class SkipReportTests
{
    [Fact]
    public void The_skip_report_prints_each_skipped_test_with_its_reason()
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var arg in new[] { "scripts/skipped.mjs", Path.Combine(RepoPaths.Root, "tests", "Monitor.Tests", "Scripts", "testdata", "skipped.trx") })
            info.ArgumentList.Add(arg);
        using var node = Process.Start(info)!;
        var output = node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        Assert.True(node.ExitCode == 0, node.StandardError.ReadToEnd());
        Assert.Equal("Skipped tests (1), and why:\n  Monitor.Tests.Sample.Needs_a_browser: chromium <not> installed & so on\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Test_sh_lists_the_skipped_tests_after_the_run()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "test.sh"));
        Assert.Contains("--logger trx", script);
        Assert.Contains("node scripts/skipped.mjs", script);
    }

    [Fact]
    public void Every_skip_gives_a_reason_and_the_readme_lists_every_condition()
    {
        var sources = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var skips = sources.SelectMany(f => SkipCall().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Call: m.Value))).ToList();
        Assert.NotEmpty(skips);
        foreach (var (file, call) in skips)
            Assert.True(call.Contains(',', StringComparison.Ordinal), $"{file}: {call} gives no reason");

        // The conditions: no Chromium, no ../shared (taxonomy, corpus, news snapshots).
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var tests = readme[readme.IndexOf("## Tests", StringComparison.Ordinal)..];
        tests = tests[..tests.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        Assert.Contains("/usr/bin/chromium", tests);
        Assert.Contains("../shared", tests);
        Assert.Contains("../shared/corpus", tests);
        Assert.Contains("skipped.mjs", tests);
    }

    [GeneratedRegex(@"Skip\.If(?:Not)?\((?>[^()]+|\((?<d>)|\)(?<-d>))*(?(d)(?!))\)")]
    private static partial Regex SkipCall();
}
