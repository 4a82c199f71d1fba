using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Monitor.Cli;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Cli;

/// <summary>The `monitor` command as outside checks drive it: arguments in, exit code and text out.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CliTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FeedServer _server = new();
    private readonly string _prefix = azurite.NewPrefix();
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-cli").FullName;

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<(int Code, string Out, string Err)> Run(IConfiguration? configuration, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, configuration ?? TestServices.Configuration(azurite, _prefix), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private Task<(int Code, string Out, string Err)> Run(params string[] args) => Run(null, args);

    private string FeedsFile()
    {
        var path = Path.Combine(_folder, "feeds.txt");
        File.WriteAllText(path, $"# test feeds\n{_server.Serve("story.xml", TestFeeds.Rss("Wire", TestFeeds.SeedStory()))}\n{_server.Url("gone.xml")}\n");
        return path;
    }

    [Fact]
    public async Task Poll_then_coverage_as_json()
    {
        var poll = await Run("poll", "--feeds", FeedsFile());
        Assert.Equal(0, poll.Code);
        Assert.Contains("Polled 2 feeds", poll.Out);
        Assert.Contains("1 ok, 1 failed", poll.Out);
        Assert.Contains("5 new", poll.Out);
        Assert.Contains("gone.xml: HTTP 404 Not Found", poll.Out);

        var coverage = await Run("coverage", "--topic", "border-clashes", "--json", "--limit", "10000");
        Assert.Equal(0, coverage.Code);
        using var doc = JsonDocument.Parse(coverage.Out);
        var first = doc.RootElement.EnumerateArray().First(e => e.GetProperty("url").GetString()!.EndsWith("/clashes"));
        Assert.Equal("2022-09-21T06:00:00Z", first.GetProperty("published").GetString());
        Assert.Equal("Example Wire", first.GetProperty("source").GetString());
        Assert.Contains("border-clashes", first.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        foreach (var claim in first.GetProperty("claims").EnumerateArray())
        {
            Assert.StartsWith("C", claim.GetProperty("id").GetString());
            Assert.InRange(claim.GetProperty("score").GetDouble(), 0, 1);
            Assert.NotEmpty(claim.GetProperty("evidence").GetProperty("terms").EnumerateArray());
            Assert.True(claim.GetProperty("evidence").GetProperty("signals").GetProperty("keywords").GetInt32() >= 0);
        }

        var table = await Run("coverage", "--topic", "border-clashes", "--since", "2022-09-01");
        Assert.Equal(0, table.Code);
        Assert.Contains("Coverage of border-clashes since 2022-09-01", table.Out);
        Assert.Contains("https://news.example/2022/09/13/clashes", table.Out);

        var topics = await Run("topics", "--json");
        Assert.Equal(0, topics.Code);
        using var topicsDoc = JsonDocument.Parse(topics.Out);
        Assert.Equal(12, topicsDoc.RootElement.GetArrayLength());
        var claims = await Run("claims");
        Assert.Equal(0, claims.Code);
        Assert.Contains("C21", claims.Out);
    }

    [Theory]
    [InlineData("unknown topic 'nope'", "coverage", "--topic", "nope")]
    [InlineData("'yesterday-ish' is not a date", "coverage", "--topic", "border-clashes", "--since", "yesterday-ish")]
    [InlineData("cannot read feed list '/nonexistent/feeds.txt'", "poll", "--feeds", "/nonexistent/feeds.txt")]
    [InlineData("Option '--topic' is required", "coverage")]
    [InlineData("--limit: must be between 1 and", "coverage", "--topic", "border-clashes", "--limit", "0")]
    [InlineData("unknown command 'bogus'; the commands are poll, feeds, coverage, topics, claims, relink, explain, serve, digest, article", "bogus")]
    [InlineData("no command given; the commands are poll, feeds,", new string[0])]
    [InlineData("Unrecognized command or argument '--bogus'", "topics", "--bogus")]
    public async Task Bad_input_is_one_line_on_stderr_and_a_non_zero_exit(string message, params string[] args)
    {
        var (code, stdout, stderr) = await Run(args);
        Assert.NotEqual(0, code);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task Unreachable_storage_is_one_line_and_exit_3()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MONITOR_STORAGE"] = azurite.ConnectionString.Replace($":{azurite.Port}/", $":{AzuriteFixture.FreePort()}/"),
        }).Build();
        var (code, _, stderr) = await Run(config, "topics");
        Assert.Equal(CliApp.ExitStorage, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("unreachable", stderr);
    }

    [Fact]
    public async Task A_connection_string_that_is_not_one_is_one_line()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MONITOR_STORAGE"] = "not a connection string" }).Build();
        var (code, _, stderr) = await Run(config, "topics");
        Assert.NotEqual(0, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("connection string", stderr);
    }

    [Theory]
    [InlineData("MONITOR_STORAGE", "not a connection string", "error: MONITOR_STORAGE is not a usable storage connection string: ")]
    [InlineData("Storage:ConnectionString", "not a connection string", "error: Storage__ConnectionString is not a usable storage connection string: ")]
    [InlineData("Storage:TableServiceUri", "http://stmonitor.table.core.windows.net", "error: Storage__TableServiceUri must be an absolute https URI")]
    [InlineData("Smtp:Security", "Starttls2", "error: Smtp__Security must be one of None, StartTls, SslOnConnect, not 'Starttls2'")]
    [InlineData("MONITOR_ALLOW_PRIVATE_NETWORKS", "maybe", "error: MONITOR_ALLOW_PRIVATE_NETWORKS must be true or false, not 'maybe'")]
    public async Task A_bad_setting_is_one_line_naming_the_environment_variable_and_exit_2(string key, string value, string message)
    {
        // Refused when the services are built, before any command touches storage; Core names the option, the CLI the variable.
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var (code, stdout, stderr) = await Run(config, "topics");
        Assert.Equal(CliApp.ExitInput, code);
        Assert.StartsWith(message, stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Equal("", stdout);
    }
}
