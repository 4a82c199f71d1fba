using Monitor.Core.Articles;
using Monitor.Core.Articles.Extraction;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Articles.Extraction;

/// <summary>The drafted claims file is one the poller can load, and its rules link what restates its claims.</summary>
public sealed class ClaimsFileWriterTests : IDisposable
{
    private static readonly TextAnalysis Analysis = new();
    private static readonly DateTimeOffset Published = new(2022, 9, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-claims").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string SeedText() => File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Monitor.Core", "Articles", "Seed", "article.txt"));

    private (Article Loaded, ClaimsDraft Draft, string Path) WriteAndLoad(ArticleInfo info)
    {
        var draft = new ClaimExtractor(Analysis).Extract(info.Text);
        var path = ClaimsFileWriter.Write(_folder, info, draft, Published.AddYears(2));
        return (ClaimsFile.Load(path), draft, path);
    }

    [Fact]
    public void The_written_file_round_trips_through_ClaimsFile_with_every_rule_expanded()
    {
        var info = new ArticleInfo("cradle-copy", "Azerbaijan's aggression: \"Russia's passivity\" # and Iran", Published, SeedText(),
            "https://example.org/a?b=1&c=#x", "The Cradle");
        var (loaded, draft, path) = WriteAndLoad(info);

        Assert.Equal(Path.Combine(_folder, "cradle-copy.yaml"), path);
        Assert.Equal(info.Id, loaded.Id);
        Assert.Equal(info.Title, loaded.Title);
        Assert.Equal(info.Url, loaded.Url);
        Assert.Equal("The Cradle", loaded.Source);
        Assert.Equal(Published, loaded.Published);
        Assert.Equal(info.Text.Trim(), loaded.Text.Trim()); // the text sits beside the claims file as cradle-copy.txt
        Assert.True(File.Exists(Path.Combine(_folder, "cradle-copy.txt")));

        IReadOnlyList<string> Expand(IEnumerable<string> terms) =>
            terms.SelectMany(t => t.StartsWith('@') ? draft.Terms[t[1..]] : [t]).ToList();
        void SameRule(RuleDraft expected, MatchRule actual)
        {
            Assert.Equal(expected.All.Select(g => Expand(g)), actual.All);
            Assert.Equal(Expand(expected.Any), actual.Any);
            Assert.Equal(expected.MinAny, actual.MinAny);
            Assert.Empty(actual.None);
        }

        Assert.Equal(draft.Topics.Select(t => t.Id), loaded.Topics.Select(t => t.Id));
        foreach (var (expected, actual) in draft.Topics.Zip(loaded.Topics))
        {
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.Description, actual.Description);
            SameRule(expected.Rule, actual.Rule);
        }
        Assert.Equal(draft.Claims.Select(c => c.Id), loaded.Claims.Select(c => c.Id));
        foreach (var (expected, actual) in draft.Claims.Zip(loaded.Claims))
        {
            Assert.Equal(expected.Text, actual.Text);
            Assert.Equal(expected.Quote, actual.Quote);
            Assert.Equal(expected.TopicIds, actual.TopicIds);
            SameRule(expected.Rule, actual.Rule);
        }
        var yaml = File.ReadAllText(path);
        Assert.Contains("# score ", yaml);         // why each claim was kept
        Assert.Contains("minAny", yaml);
        Assert.Contains("Run `monitor relink`", yaml);
    }

    [Fact]
    public void An_item_restating_an_extracted_claim_is_linked_to_it()
    {
        var (article, _, _) = WriteAndLoad(new ArticleInfo("cradle-copy", "The Cradle piece", Published, SeedText()));
        var matcher = new ClaimMatcher(article, Analysis, new LinkingOptions());

        var claim = article.Claims.First(c => c.Text.Contains("red line", StringComparison.Ordinal));
        var item = Item("Tehran restates its warning", claim.Text.Replace("occasionally", "again", StringComparison.Ordinal));
        var link = matcher.Match(item);
        Assert.NotNull(link);
        var linked = Assert.Single(link.Claims, c => c.ClaimId == claim.Id);
        Assert.NotEmpty(linked.Evidence.Terms);

        // Before the article it is background; an unrelated item links nothing.
        Assert.Null(matcher.Match(item with { Published = Published.AddDays(-1) }));
        Assert.Null(matcher.Match(Item("Football", "The league's top scorer signed a new contract on Monday.")));
    }

    [Fact]
    public void Every_claim_of_the_seed_draft_is_linked_when_an_item_quotes_it()
    {
        var (article, _, _) = WriteAndLoad(new ArticleInfo("cradle-copy", "The Cradle piece", Published, SeedText()));
        var matcher = new ClaimMatcher(article, Analysis, new LinkingOptions());
        var unlinked = article.Claims.Where(c => matcher.Match(Item("News", c.Quote!))?.Claims.Any(l => l.ClaimId == c.Id) != true)
            .Select(c => c.Id).ToList();
        Assert.Empty(unlinked);
    }

    private static FeedItem Item(string title, string summary) => new()
    {
        Id = "0123456789abcdef0123456789abcdef", Url = "https://news.example/x", Title = title, Summary = summary,
        Published = Published.AddMonths(1), Source = "Wire", FeedUrl = "https://news.example/rss", FirstSeen = DateTimeOffset.UtcNow,
    };
}
