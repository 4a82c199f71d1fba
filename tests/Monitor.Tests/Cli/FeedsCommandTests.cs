using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Cli;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Cli;

/// <summary>`monitor feeds …` driven as a user would: arguments in, exit code and text out, Azurite and HTTP for real.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FeedsCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FeedServer _server = new();
    private readonly string _prefix = azurite.NewPrefix();
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-feeds").FullName;

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

    private async Task<List<JsonElement>> ListJson(string? prefix = null)
    {
        var (code, stdout, stderr) = await Run(prefix is null ? null : TestServices.Configuration(azurite, prefix), "feeds", "list", "--json");
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static JsonElement? Find(List<JsonElement> feeds, string url) =>
        feeds.Where(f => f.GetProperty("url").GetString() == url).Select(f => (JsonElement?)f).FirstOrDefault();

    private string Feed(string path, string title) => _server.Serve(path, TestFeeds.Rss(title, TestFeeds.SeedStory()));

    private string Page(string path, params (string Href, string Type, string? Title)[] links) => _server.Serve(path,
        "<!doctype html><html><head><title>Page</title>" +
        string.Concat(links.Select(l => $"<link rel=\"alternate\" type=\"{l.Type}\" href=\"{l.Href}\"{(l.Title is null ? "" : $" title=\"{l.Title}\"")}>")) +
        "</head><body>news</body></html>", "text/html; charset=utf-8");

    /// <summary>Clears the imported defaults (real internet feeds) so a pass only fetches the test's own.</summary>
    private async Task RemoveAllSubscriptions()
    {
        await using var services = TestServices.Create(azurite, _prefix);
        var store = services.GetRequiredService<SubscriptionStore>();
        foreach (var s in await store.ListAsync()) Assert.True(await store.RemoveAsync(s.Url));
    }

    private static void AssertOneLineError(string stderr, string contains)
    {
        Assert.StartsWith("error: ", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains(contains, stderr);
    }

    [Fact]
    public async Task Add_a_feed_takes_its_title_and_a_second_add_says_it_is_there()
    {
        var url = Feed("wire.xml", "Example Wire");
        var add = await Run("feeds", "add", url);
        Assert.Equal(0, add.Code);
        Assert.Equal($"Subscribed: {url}  (Example Wire)", add.Out.TrimEnd());
        Assert.Equal("", add.Err);

        var again = await Run("feeds", "add", url);
        Assert.Equal(0, again.Code);
        Assert.StartsWith($"Already subscribed: {url}", again.Out);

        var entry = Find(await ListJson(), url)!.Value;
        Assert.Equal("Example Wire", entry.GetProperty("title").GetString());
        Assert.Equal("new", entry.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Title_option_overrides_the_feeds_own()
    {
        var url = Feed("wire.xml", "Example Wire");
        Assert.Equal(0, (await Run("feeds", "add", url, "--title", "My wire")).Code);
        Assert.Equal("My wire", Find(await ListJson(), url)!.Value.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_page_with_one_feed_subscribes_that_feed()
    {
        var feed = Feed("blog/feed.xml", "Blog feed");
        var page = Page("blog/", ("feed.xml", "application/rss+xml", "Blog RSS"));
        var (code, stdout, _) = await Run("feeds", "add", page);
        Assert.Equal(0, code);
        Assert.Contains($"it links one feed: {feed}", stdout);
        Assert.Contains($"Subscribed: {feed}  (Blog feed)", stdout);
        var feeds = await ListJson();
        Assert.NotNull(Find(feeds, feed));
        Assert.Null(Find(feeds, page));
    }

    [Fact]
    public async Task A_page_with_several_feeds_lists_them_and_fails_until_one_is_picked_or_all()
    {
        var rss = Feed("site/rss.xml", "Site RSS");
        var atom = _server.Url("site/broken.atom"); // linked but not served: --all skips it
        var page = Page("site/index.html", ("rss.xml", "application/rss+xml", "Posts"), ("/site/broken.atom", "application/atom+xml", "Comments"));

        var (code, stdout, stderr) = await Run("feeds", "add", page);
        Assert.Equal(CliApp.ExitInput, code);
        Assert.Contains($"  {rss}  (Posts)", stdout);
        Assert.Contains($"  {atom}  (Comments)", stdout);
        AssertOneLineError(stderr, "links 2 feeds: run 'monitor feeds add' with one of them, or add --all");
        Assert.Null(Find(await ListJson(), rss));

        var all = await Run("feeds", "add", page, "--all");
        Assert.Equal(0, all.Code);
        Assert.Contains($"Subscribed: {rss}  (Site RSS)", all.Out);
        Assert.Contains($"Skipped {atom}: HTTP 404 Not Found", all.Out);
        var feeds = await ListJson();
        Assert.NotNull(Find(feeds, rss));
        Assert.Null(Find(feeds, atom));
    }

    [Fact]
    public async Task An_unreachable_url_is_one_line_with_the_reason_and_no_check_adds_it_anyway()
    {
        var url = _server.Url("down.xml");
        var (code, stdout, stderr) = await Run("feeds", "add", url);
        Assert.Equal(CliApp.ExitInput, code);
        Assert.Equal("", stdout);
        AssertOneLineError(stderr, "HTTP 404 Not Found");
        Assert.Contains("--no-check", stderr);

        var forced = await Run("feeds", "add", url, "--no-check", "--title", "Later");
        Assert.Equal(0, forced.Code);
        Assert.Contains("Subscribed:", forced.Out);
        Assert.Equal("Later", Find(await ListJson(), url)!.Value.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("not an http or https URL", "feeds", "add", "ftp://files.example/feed.xml")]
    [InlineData("not an http or https URL", "feeds", "add", "not a url")]
    [InlineData("cannot be combined with --all", "feeds", "add", "https://a.example/", "--all", "--title", "T")]
    [InlineData("is not subscribed", "feeds", "remove", "https://never.example/rss")]
    [InlineData("cannot read feed list", "feeds", "import", "/nonexistent/list.opml")]
    [InlineData("Required command was not provided", "feeds")]
    public async Task Bad_input_is_one_line_and_exit_2(string message, params string[] args)
    {
        var (code, stdout, stderr) = await Run(args);
        Assert.Equal(CliApp.ExitInput, code);
        Assert.Equal("", stdout);
        AssertOneLineError(stderr, message);
    }

    [Fact]
    public async Task A_body_that_is_no_feed_and_a_page_without_feeds_are_refused()
    {
        var text = await Run("feeds", "add", _server.Serve("notes.txt", "hello", "text/plain"));
        Assert.Equal(CliApp.ExitInput, text.Code);
        AssertOneLineError(text.Err, "cannot subscribe");

        var page = await Run("feeds", "add", Page("empty.html"));
        Assert.Equal(CliApp.ExitInput, page.Code);
        AssertOneLineError(page.Err, "links no feed");
    }

    [Fact]
    public async Task Defaults_are_imported_on_first_use_and_a_removed_default_stays_removed()
    {
        var defaults = FeedList.Defaults();
        var first = await ListJson();
        Assert.Equal(defaults.Select(d => d.Url).Order(), first.Select(f => f.GetProperty("url").GetString()).Order());

        var (code, stdout, _) = await Run("feeds", "remove", defaults[0].Url);
        Assert.Equal(0, code);
        Assert.Equal($"Removed {defaults[0].Url}", stdout.TrimEnd());

        var after = await ListJson();
        Assert.Equal(defaults.Count - 1, after.Count);
        Assert.Null(Find(after, defaults[0].Url));

        var again = await Run("feeds", "remove", defaults[0].Url);
        Assert.Equal(CliApp.ExitInput, again.Code);
        AssertOneLineError(again.Err, "is not subscribed");
    }

    [Fact]
    public async Task Import_opml_and_plain_lists_reports_added_and_already_present()
    {
        var opml = Path.Combine(_folder, "mine.opml");
        File.WriteAllText(opml, """
            <?xml version="1.0"?>
            <opml version="2.0"><head><title>mine</title></head><body>
              <outline text="Group"><outline text="One" type="rss" xmlUrl="https://one.example/rss"/></outline>
              <outline text="Two" title="Two!" type="rss" xmlUrl="https://two.example/atom"/>
            </body></opml>
            """);
        var first = await Run("feeds", "import", opml);
        Assert.Equal(0, first.Code);
        Assert.Contains("2 added, 0 already subscribed", first.Out);

        var list = Path.Combine(_folder, "list.txt");
        File.WriteAllText(list, $"# mine\nhttps://two.example/atom\nhttps://three.example/feed\n{FeedList.Defaults()[0].Url}\n");
        var second = await Run("feeds", "import", list);
        Assert.Equal(0, second.Code);
        Assert.Contains("1 added, 2 already subscribed", second.Out);
        Assert.Contains("added https://three.example/feed", second.Out);

        var feeds = await ListJson();
        Assert.Equal("One", Find(feeds, "https://one.example/rss")!.Value.GetProperty("title").GetString());
        Assert.Equal("Two!", Find(feeds, "https://two.example/atom")!.Value.GetProperty("title").GetString());
        Assert.NotNull(Find(feeds, "https://three.example/feed"));
    }

    [Fact]
    public async Task Invalid_opml_is_one_line_with_its_line_number()
    {
        var bad = Path.Combine(_folder, "bad.opml");
        File.WriteAllText(bad, "<opml version=\"2.0\"><body>\n<outline text=\"x\" xmlUrl=\"https://x.example/rss\">\n</body>\n");
        var (code, stdout, stderr) = await Run("feeds", "import", bad);
        Assert.Equal(CliApp.ExitInput, code);
        Assert.Equal("", stdout);
        AssertOneLineError(stderr, $"{bad}:3: not readable OPML");
    }

    [Fact]
    public async Task Export_then_import_elsewhere_round_trips()
    {
        Assert.Equal(0, (await Run("feeds", "add", "https://untitled.example/rss", "--no-check")).Code);
        Assert.Equal(0, (await Run("feeds", "add", "https://titled.example/rss?a=1&b=2", "--no-check", "--title", "Titled & co")).Code);

        var printed = await Run("feeds", "export");
        Assert.Equal(0, printed.Code);
        Assert.Contains("<opml version=\"2.0\">", printed.Out);
        Assert.Contains("xmlUrl=\"https://titled.example/rss?a=1&amp;b=2\"", printed.Out);

        var file = Path.Combine(_folder, "export.opml");
        var written = await Run("feeds", "export", "--output", file);
        Assert.Equal(0, written.Code);
        // The same document, but for its dateCreated, which may fall in the next second.
        static string Undated(string opml) => System.Text.RegularExpressions.Regex.Replace(opml, "<dateCreated>[^<]*</dateCreated>", "");
        Assert.Equal(Undated(printed.Out).TrimEnd(), Undated(File.ReadAllText(file)).TrimEnd());

        // Import into an installation whose defaults were all removed: it ends with exactly the exported set.
        var other = azurite.NewPrefix();
        await using (var services = TestServices.Create(azurite, other))
        {
            var store = services.GetRequiredService<SubscriptionStore>();
            foreach (var s in await store.ListAsync()) await store.RemoveAsync(s.Url);
        }
        var import = await Run(TestServices.Configuration(azurite, other), "feeds", "import", file);
        Assert.Equal(0, import.Code);

        static IEnumerable<string> Shape(List<JsonElement> feeds) => feeds
            .Select(f => $"{f.GetProperty("url").GetString()}|{(f.TryGetProperty("title", out var t) ? t.GetString() : null)}").Order();
        var original = await ListJson();
        Assert.Equal(Shape(original), Shape(await ListJson(other)));
        Assert.Contains("https://untitled.example/rss|", Shape(original));
    }

    [Fact]
    public async Task Poll_without_feeds_polls_the_subscriptions_and_list_shows_their_health()
    {
        await RemoveAllSubscriptions();
        var good = Feed("story.xml", "Wire");
        var bad = _server.Url("gone.xml");
        Assert.Equal(0, (await Run("feeds", "add", good)).Code);
        Assert.Equal(0, (await Run("feeds", "add", bad, "--no-check")).Code);

        var poll = await Run("poll");
        Assert.Equal(0, poll.Code);
        Assert.Contains("Polled 2 feeds", poll.Out);
        Assert.Contains("5 new", poll.Out);

        var feeds = await ListJson();
        var ok = Find(feeds, good)!.Value;
        Assert.Equal("ok", ok.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, ok.GetProperty("lastSuccess").ValueKind);
        Assert.Equal(5, ok.GetProperty("itemsStored").GetInt64());
        var failing = Find(feeds, bad)!.Value;
        Assert.Equal("broken", failing.GetProperty("status").GetString()); // failing, and never once fetched: in trouble now
        Assert.Equal(1, failing.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal("HTTP 404 Not Found", failing.GetProperty("lastError").GetString());

        var table = await Run("feeds", "list");
        Assert.Equal(0, table.Code);
        Assert.Contains("2 feeds subscribed, 1 failing (1 never fetched successfully: in trouble).", table.Out);
        Assert.Matches($@"(?m)^ok\s+\d{{4}}-\d\d-\d\d \d\d:\d\dZ\s+0  {System.Text.RegularExpressions.Regex.Escape(good)}  \(Wire\)$", table.Out.ReplaceLineEndings("\n"));
        Assert.Matches(@"(?m)^broken\s+never\s+1  .*gone\.xml$", table.Out.ReplaceLineEndings("\n"));
        Assert.Contains("HTTP 404 Not Found (at ", table.Out);
    }

    [Fact]
    public async Task A_feed_file_setting_is_flagged_because_passes_ignore_the_subscriptions()
    {
        var file = Path.Combine(_folder, "feeds.txt");
        File.WriteAllText(file, "https://file.example/rss\n");
        var config = TestServices.Configuration(azurite, _prefix, new Dictionary<string, string?> { ["MONITOR_FEEDS"] = file });
        var (code, stdout, stderr) = await Run(config, "feeds", "add", "https://added.example/rss", "--no-check");
        Assert.Equal(0, code);
        Assert.Contains("Subscribed:", stdout);
        Assert.StartsWith("warning: MONITOR_FEEDS", stderr);
        Assert.Contains(file, stderr);
    }

    [Fact]
    public async Task A_40000_character_URL_is_bad_input_even_unchecked()
    {
        var url = "https://long.example/" + new string('a', 40_000);
        var (code, _, err) = await Run("feeds", "add", url, "--no-check");
        Assert.Equal(2, code);
        Assert.Equal($"error: a URL of {url.Length:N0} characters; at most 4,096 are accepted", err.Trim());
    }
}
