using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Monitor.Cli;
using Monitor.Core.Articles;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Articles.Extraction;

/// <summary>`monitor article add|list` as a user runs them, into a temporary articles folder (MONITOR_ARTICLES).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArticleCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _prefix = azurite.NewPrefix();
    private readonly string _articles = Directory.CreateTempSubdirectory("monitor-articles").FullName;
    private readonly string _inputs = Directory.CreateTempSubdirectory("monitor-inputs").FullName;
    private readonly FeedServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_articles, recursive: true);
        Directory.Delete(_inputs, recursive: true);
    }

    private IConfiguration Configuration(bool allowPrivate = true) => TestServices.Configuration(azurite, _prefix, new Dictionary<string, string?>
    {
        ["MONITOR_ARTICLES"] = _articles,
        ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = allowPrivate ? "true" : "false",
    });

    private async Task<(int Code, string Out, string Err)> Run(IConfiguration configuration, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, configuration, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private Task<(int Code, string Out, string Err)> Run(params string[] args) => Run(Configuration(), args);

    private string SeedCopy()
    {
        var path = Path.Combine(_inputs, "article.txt");
        File.Copy(Path.Combine(RepoPaths.Root, "src", "Monitor.Core", "Articles", "Seed", "article.txt"), path, overwrite: true);
        return path;
    }

    private static void AssertOneLineError((int Code, string Out, string Err) run, string contains)
    {
        Assert.Equal(CliApp.ExitInput, run.Code);
        Assert.StartsWith("error: ", run.Err);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
        Assert.Contains(contains, run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Add_from_a_file_writes_a_claims_file_that_topics_and_list_then_follow()
    {
        var add = await Run("article", "add", "--file", SeedCopy(), "--id", "cradle-copy", "--title", "A copy of the seed",
            "--published", "2022-09-21", "--source", "The Cradle");
        Assert.True(add.Code == 0, add.Err);
        var claimsFile = Path.Combine(_articles, "cradle-copy.yaml");
        Assert.Contains($"claims file: {claimsFile}", add.Out);
        Assert.Matches(@"\d+ claims from \d+ sentences, in \d+ topics", add.Out);

        var article = ClaimsFile.Load(claimsFile);
        Assert.Equal("A copy of the seed", article.Title);
        Assert.Equal(new DateTimeOffset(2022, 9, 21, 0, 0, 0, TimeSpan.Zero), article.Published);
        Assert.InRange(article.Claims.Count, 10, 30);

        var topics = await Run("topics", "--article", "cradle-copy", "--json");
        Assert.True(topics.Code == 0, topics.Err);
        using var doc = JsonDocument.Parse(topics.Out);
        Assert.Equal(article.Topics.Select(t => t.Id), doc.RootElement.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.All(doc.RootElement.EnumerateArray(), t => Assert.NotEmpty(t.GetProperty("claims").EnumerateArray()));

        // The seed is still the default article, and still has its own topics: articles stay apart.
        var seedTopics = await Run("topics", "--json");
        using var seedDoc = JsonDocument.Parse(seedTopics.Out);
        Assert.Equal(12, seedDoc.RootElement.GetArrayLength());

        var list = await Run("article", "list", "--json");
        Assert.True(list.Code == 0, list.Err);
        using var listDoc = JsonDocument.Parse(list.Out);
        var rows = listDoc.RootElement.EnumerateArray().ToList();
        Assert.Equal(["cradle-2022-09-armenia-azerbaijan", "cradle-copy"], rows.Select(r => r.GetProperty("id").GetString()));
        Assert.False(rows[0].TryGetProperty("file", out _));
        Assert.Equal(claimsFile, rows[1].GetProperty("file").GetString());
        Assert.Equal(article.Claims.Count, rows[1].GetProperty("claims").GetInt32());
        Assert.Equal("2022-09-21T00:00:00Z", rows[1].GetProperty("published").GetString());

        var table = await Run("article", "list");
        Assert.Contains($"Articles folder: {_articles}", table.Out);
        Assert.Contains("cradle-copy", table.Out);
    }

    [Fact]
    public async Task The_next_poll_follows_the_added_article_and_keeps_its_coverage_apart_from_the_seed()
    {
        Assert.Equal(0, (await Run("article", "add", "--file", SeedCopy(), "--id", "cradle-copy", "--published", "2022-09-21")).Code);
        var article = ClaimsFile.Load(Path.Combine(_articles, "cradle-copy.yaml"));
        var redLine = article.Claims.Single(c => c.Quote!.Contains("red line", StringComparison.Ordinal) && c.Quote.StartsWith("Iran", StringComparison.Ordinal));

        var feeds = Path.Combine(_inputs, "feeds.txt");
        File.WriteAllText(feeds, _server.Serve("story.xml", TestFeeds.Rss("Wire", TestFeeds.SeedStory())) + "\n");
        var poll = await Run("poll", "--feeds", feeds);
        Assert.True(poll.Code == 0, poll.Err);

        const string iranItem = "https://news.example/2022/10/01/iran";
        var copy = await Run("coverage", "--article", "cradle-copy", "--topic", redLine.TopicIds[0], "--json");
        Assert.True(copy.Code == 0, copy.Err);
        using var copyDoc = JsonDocument.Parse(copy.Out);
        var linked = copyDoc.RootElement.EnumerateArray().Single(e => e.GetProperty("url").GetString() == iranItem);
        Assert.Contains(redLine.Id, linked.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.All(linked.GetProperty("topics").EnumerateArray(), t => Assert.NotNull(article.FindTopic(t.GetString()!)));

        // The seed files the same item under its own topics, which the copy does not have.
        var seed = await Run("coverage", "--topic", "iran-caucasus", "--json");
        using var seedDoc = JsonDocument.Parse(seed.Out);
        Assert.Contains(seedDoc.RootElement.EnumerateArray(), e => e.GetProperty("url").GetString() == iranItem);
        Assert.Null(article.FindTopic("iran-caucasus"));
        AssertOneLineError(await Run("coverage", "--article", "cradle-copy", "--topic", "iran-caucasus"), "unknown topic 'iran-caucasus'");
    }

    [Fact]
    public async Task An_existing_id_is_refused_unless_forced()
    {
        var file = SeedCopy();
        Assert.Equal(0, (await Run("article", "add", "--file", file, "--id", "twice", "--published", "2022-09-20")).Code);
        var again = await Run("article", "add", "--file", file, "--id", "twice", "--published", "2022-09-20");
        AssertOneLineError(again, "article 'twice' already exists");
        Assert.Contains("--force", again.Err);

        var forced = await Run("article", "add", "--file", file, "--id", "twice", "--published", "2023-01-01", "--force");
        Assert.True(forced.Code == 0, forced.Err);
        Assert.Equal(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), ClaimsFile.Load(Path.Combine(_articles, "twice.yaml")).Published);

        AssertOneLineError(await Run("article", "add", "--file", file, "--id", "cradle-2022-09-armenia-azerbaijan", "--published", "2022-09-20"),
            "is the seed article");
    }

    [Fact]
    public async Task Without_an_id_the_title_makes_one()
    {
        var add = await Run("article", "add", "--file", SeedCopy(), "--title", "Iran's red line: a test", "--published", "2022-09-20");
        Assert.True(add.Code == 0, add.Err);
        Assert.Contains("Added article 'irans-red-line-a-test'", add.Out);
        Assert.True(File.Exists(Path.Combine(_articles, "irans-red-line-a-test.yaml")));
        Assert.True(File.Exists(Path.Combine(_articles, "irans-red-line-a-test.txt")));
    }

    [Theory]
    [InlineData("--published: 'last tuesday' is not a date", "--published", "last tuesday")]
    [InlineData("cannot read article file", "--file", "/nonexistent/article.txt", "--published", "2022-09-20")]
    [InlineData("give --published YYYY-MM-DD", "--title", "No date")]
    [InlineData("give the article as --file FILE", "--title", "Nothing", "--no-file")]
    [InlineData("article id 'a b' may hold only", "--id", "a b", "--published", "2022-09-20")]
    [InlineData("--url 'ftp://x.example/a' is not an http or https URL", "--url", "ftp://x.example/a", "--no-file")]
    public async Task Bad_input_is_one_line(string message, params string[] args)
    {
        var withFile = args.Contains("--file") || args.Contains("--no-file") ? [] : new[] { "--file", SeedCopy() };
        var run = await Run(["article", "add", .. withFile, .. args.Where(a => a != "--no-file")]);
        AssertOneLineError(run, message);
        Assert.Empty(Directory.EnumerateFiles(_articles));
    }

    [Fact]
    public async Task Add_from_a_url_fetches_the_page_and_takes_its_title_and_date()
    {
        var url = _server.Serve("2024/03/05/story", ArticleHtml.Page("Iran's red line, again", ArticleHtml.SeedParagraphs()), "text/html; charset=utf-8");
        var add = await Run("article", "add", "--url", url);
        Assert.True(add.Code == 0, add.Err);
        Assert.Contains("Added article 'irans-red-line-again': Iran's red line, again (published 2024-03-05)", add.Out);

        var article = ClaimsFile.Load(Path.Combine(_articles, "irans-red-line-again.yaml"));
        Assert.Equal(url, article.Url);
        Assert.Equal("Example Wire", article.Source);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 8, 30, 0, TimeSpan.Zero), article.Published);
        Assert.Contains("Zangezur", article.Text);
        Assert.DoesNotContain("All rights reserved", article.Text);
        Assert.NotEmpty(article.Claims);
    }

    [Fact]
    public async Task A_url_on_a_private_network_is_refused_by_the_fetch_policy()
    {
        var url = _server.Serve("story", ArticleHtml.Page("Local", ArticleHtml.SeedParagraphs()), "text/html");
        AssertOneLineError(await Run(Configuration(allowPrivate: false), "article", "add", "--url", url, "--published", "2024-01-01"), $"cannot fetch {url}");

        var missing = await Run("article", "add", "--url", _server.Url("missing"), "--published", "2024-01-01");
        AssertOneLineError(missing, "404");
    }
}
