using Monitor.Cli;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Cli;

/// <summary>`monitor poll --dispatch`, `monitor worker` and `monitor migrate-keys` as a user runs them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FanOutCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FeedServer _server = new();
    private readonly string _prefix = azurite.NewPrefix();
    private readonly string _list = Path.GetTempFileName();

    public void Dispose()
    {
        _server.Dispose();
        File.Delete(_list);
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, TestServices.Configuration(azurite, _prefix), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Dispatch_then_a_worker_until_empty_polls_every_feed_once()
    {
        await File.WriteAllLinesAsync(_list, [_server.Serve("a.xml", TestFeeds.Rss("A", TestFeeds.SeedStory())), _server.Url("missing.xml")]);

        var dispatched = await Run("poll", "--dispatch", "--feeds", _list);
        Assert.Equal(0, dispatched.Code);
        Assert.StartsWith("Dispatched 2 of 2 feeds in 1 shards", dispatched.Out);
        var again = await Run("poll", "--dispatch", "--feeds", _list);
        Assert.Contains("Dispatched 0 of 2 feeds in 0 shards", again.Out);
        Assert.Contains("2 still handed out to an unfinished pass", again.Out);

        var worked = await Run("worker", "--until-empty", "--concurrency", "2");
        Assert.Equal(0, worked.Code);
        Assert.StartsWith("Worked 1 shards (2 feeds, 1 failed)", worked.Out);
        Assert.Contains(": 5 new items;", worked.Out);

        var coverage = await Run("topics");
        Assert.Contains("border-clashes", coverage.Out);
        Assert.Equal("Nothing to move: every item already has a month-and-bucket key.\n", (await Run("migrate-keys")).Out.Replace("\r", ""));
    }

    [Fact]
    public async Task A_bad_concurrency_is_a_one_line_input_error()
    {
        var result = await Run("worker", "--concurrency", "0");
        Assert.Equal(CliApp.ExitInput, result.Code);
        Assert.Equal("error: --concurrency must be at least 1, not 0\n", result.Err.Replace("\r", ""));
    }
}
