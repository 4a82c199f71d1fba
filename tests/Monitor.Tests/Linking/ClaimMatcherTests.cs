using Microsoft.Extensions.Options;
using Monitor.Core.Articles;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;

namespace Monitor.Tests.Linking;

public class ClaimMatcherTests
{
    private static readonly TextAnalysis Analysis = new();

    private static Article Article() => ClaimsFile.Parse("""
        article: {id: test, published: 2022-09-20}
        terms:
          armenia: [Armenia, Armenian, Yerevan]
          azerbaijan: [Azerbaijan, Azerbaijani, Baku]
        topics:
          - id: clashes
            all: [["@armenia"], ["@azerbaijan"]]
            any: [clash, shelling, border, killed]
            none: [football]
          - id: gas
            all: [["@azerbaijan"]]
            any: [gas, pipeline]
        claims:
          - id: K1
            topics: [clashes]
            text: Hundreds were killed.
            all: [[killed, dead, casualties]]
            any: [hundreds, soldiers]
          - id: K2
            topics: [gas]
            text: A gas deal with the EU.
            all: [[EU, European Union]]
            any: [gas deal, gas]
        """, "test.yaml", _ => "");

    private static ClaimMatcher Matcher() => new(Article(), Analysis, new LinkingOptions());

    private static FeedItem Item(string title, string summary = "", string published = "2022-10-01T00:00:00Z") => new()
    {
        Id = "0123456789abcdef0123456789abcdef", Url = "https://news.example/x", Title = title, Summary = summary,
        Published = DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture),
        Source = "Wire", FeedUrl = "https://news.example/rss", FirstSeen = DateTimeOffset.UtcNow,
    };

    [Fact]
    public void Links_topic_and_claim_with_stemmed_terms_and_the_sentence_as_evidence()
    {
        var link = Matcher().Match(Item("Border clashes erupt", "Shelling went on overnight. Azerbaijani fire killed Armenian soldiers near the border."))!;
        var topic = Assert.Single(link.Topics);
        Assert.Equal("clashes", topic.TopicId);
        Assert.InRange(topic.Score, 0.3, 1);
        Assert.Contains("clash", topic.Evidence.Terms);          // "clashes" matched the stem of "clash"
        Assert.Contains("Armenian", topic.Evidence.Terms);
        Assert.Equal("Azerbaijani fire killed Armenian soldiers near the border.", topic.Evidence.Sentence);
        Assert.Equal(new LinkSignals(RequiredGroups: 2, Keywords: 4, MinKeywords: 1, Score: topic.Score), topic.Evidence.Signals);
        Assert.Equal(0.918, topic.Score); // 1 - exp(-(4 keywords + 0.5 x 2 groups) / 2)
        var claim = Assert.Single(link.Claims);
        Assert.Equal("K1", claim.ClaimId);
        Assert.Equal(["clashes"], claim.TopicIds);
        Assert.Contains("killed", claim.Evidence.Terms);
    }

    [Fact]
    public void Every_all_group_must_hit()
    {
        Assert.Null(Matcher().Match(Item("Border clash in the Himalayas", "Shelling killed soldiers near Yerevan's twin city.")));
    }

    [Fact]
    public void A_none_term_vetoes()
    {
        Assert.Null(Matcher().Match(Item("Armenia beat Azerbaijan at football", "A clash of old rivals on the border of the penalty box.")));
    }

    [Fact]
    public void Items_before_the_article_are_background()
    {
        Assert.Null(Matcher().Match(Item("Armenia Azerbaijan border clash", "Shelling killed soldiers.", "2022-09-19T23:59:59Z")));
        Assert.NotNull(Matcher().Match(Item("Armenia Azerbaijan border clash", "Shelling killed soldiers.", "2022-09-20T00:00:00Z")));
    }

    [Fact]
    public void A_claim_is_linked_only_under_a_linked_topic()
    {
        // K2's own rule holds ("EU", "gas") but its topic needs Azerbaijan, absent here.
        Assert.Null(Matcher().Match(Item("EU signs gas deal with Norway", "The European Union agreed a gas deal.")));
        var link = Matcher().Match(Item("EU signs gas deal with Azerbaijan", "Baku will double gas exports to the European Union."))!;
        Assert.Equal("gas", Assert.Single(link.Topics).TopicId);
        Assert.Equal("K2", Assert.Single(link.Claims).ClaimId);
    }

    [Fact]
    public void Multi_word_terms_match_as_phrases_only()
    {
        var link = Matcher().Match(Item("Azerbaijan gas", "Baku and the EU: no deal on gas yet."))!;
        var claim = Assert.Single(link.Claims);
        Assert.DoesNotContain("gas deal", claim.Evidence.Terms);
        Assert.Contains("gas", claim.Evidence.Terms);
    }

    [Fact]
    public void The_seed_article_links_a_typical_follow_up()
    {
        var seed = ArticleCatalog.LoadSeed();
        var linker = new Linker(new ArticleCatalog([seed]), Analysis, Options.Create(new LinkingOptions()));
        var link = Assert.Single(linker.Link(Item("Azerbaijan shells Armenian border towns; dozens of soldiers killed",
            "Azerbaijani artillery and drones struck Jermuk and Goris in the worst clashes since the 2020 war.")));
        Assert.Contains(link.Topics, t => t.TopicId == "border-clashes");
        Assert.All(link.Topics, t => Assert.NotEmpty(t.Evidence.Terms));
        Assert.Empty(linker.Link(Item("Local football club wins the cup", "The home side scored twice in extra time.")));
    }
}
