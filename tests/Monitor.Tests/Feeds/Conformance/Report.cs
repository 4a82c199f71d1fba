using Xunit.Abstractions;

namespace Monitor.Tests.Feeds.Conformance;

/// <summary>Pass rates go to the test output and to the console, so they show in both test logs and CI output.</summary>
internal static class Report
{
    public static void Line(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    public static string Rate(int passed, int total) => $"{passed}/{total} ({(total == 0 ? 0 : 100.0 * passed / total):0.0}%)";
}
