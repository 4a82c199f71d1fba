using Monitor.Core.Articles;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;

namespace Monitor.Tests.Linking;

/// <summary>
/// What tells a claim apart from its topics: a term of its own, all of its topics at once, the headline's
/// weight and the cap on claims per item; and that `explain` shows each of these parts.
/// </summary>
public class ClaimDistinctionTests
{
    private static ClaimMatcher Matcher(LinkingOptions options) =>
        new(ClaimsFile.Parse(ClaimsYaml, "test.yaml", _ => ""), MultilingualMatchingTests.Analysis, options);

    private static FeedItem Item(string title, string summary = "") => MultilingualMatchingTests.Item(title, summary);

    private static string[] Claims(LinkingOptions options, FeedItem item) =>
        Matcher(options).Match(item)?.Claims.Select(c => c.ClaimId).ToArray() ?? [];

    [Fact]
    public void A_claim_needs_a_term_of_its_own_or_all_of_its_topics()
    {
        var topicNews = Item("Armenia and Azerbaijan hold peace talks", "The treaty text is not ready.");
        Assert.Equal(["K2"], Claims(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Off }, topicNews));
        Assert.Empty(Claims(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Item }, topicNews));

        var signed = Item("Armenia and Azerbaijan signed the peace treaty");
        Assert.Equal(["K2"], Claims(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Item }, signed));

        var brokered = Item("Washington hosts Armenia and Azerbaijan for peace talks");
        Assert.Empty(Claims(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Item, ClaimTopicsTogether = false }, brokered));
        Assert.Equal(["K1"], Claims(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Item, ClaimTopicsTogether = true }, brokered));
        // the US alone (topic "peace" not linked) is not the US brokering the peace
        Assert.Empty(Claims(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Item, ClaimTopicsTogether = true }, Item("Washington visit", "Talks on trade.")));
    }

    [Fact]
    public void The_own_term_in_the_lead_ignores_a_late_sentence()
    {
        var late = Item("Armenia and Azerbaijan meet", "Their ministers met for peace talks. Earlier treaties were signed elsewhere.");
        Assert.Equal(["K2"], Claims(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Item }, late));
        Assert.Empty(Claims(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Lead }, late));
    }

    [Fact]
    public void At_most_n_claims_per_item_the_best_scoring_first()
    {
        var both = Item("Washington: Armenia and Azerbaijan signed the peace treaty");
        var all = new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Off };
        Assert.Equal(["K1", "K2"], Claims(all, both));
        var one = new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Off, MaxClaimsPerItem = 1 };
        var kept = Assert.Single(Claims(one, both));

        var e = Matcher(one).Explain(both);
        Assert.Equal(kept, Assert.Single(e.Claims, c => c.Linked).Id);
        var dropped = Assert.Single(e.Claims, c => !c.Linked);
        Assert.False(dropped.Parts.Single(p => p.Name == "rank").Held);
        Assert.StartsWith("not linked: rank not held", dropped.Why);
    }

    [Fact]
    public void Terms_in_the_headline_raise_a_claims_score()
    {
        var item = Item("Armenia and Azerbaijan signed the treaty", "Peace talks went on.");
        var plain = Matcher(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Off }).Match(item)!.Claims.Single(c => c.ClaimId == "K2").Score;
        var weighted = Matcher(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Off, HeadlineWeight = 0.5 }).Match(item)!.Claims.Single(c => c.ClaimId == "K2").Score;
        Assert.True(weighted > plain, $"{weighted} > {plain}");
        var e = Matcher(new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Off, HeadlineWeight = 0.5 }).Explain(item);
        Assert.Contains("in the headline", e.Claims.Single(c => c.Id == "K2").Parts.Single(p => p.Name == "score").Needs);
    }

    [Fact]
    public void Explain_shows_the_own_term_part_and_agrees_with_match()
    {
        var options = new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Item, ClaimTopicsTogether = true };
        foreach (var item in new[]
                 {
                     Item("Armenia and Azerbaijan hold peace talks", "The treaty text is not ready."),
                     Item("Armenia and Azerbaijan signed the peace treaty"),
                     Item("Washington hosts Armenia and Azerbaijan for peace talks"),
                 })
        {
            var e = Matcher(options).Explain(item);
            Assert.Equal(Claims(options, item), e.Claims.Where(c => c.Linked).Select(c => c.Id).ToArray());
            Assert.All(e.Claims, c => Assert.Contains(c.Parts, p => p.Name == "own term"));
        }
        var signed = Matcher(options).Explain(Item("Armenia and Azerbaijan signed the peace treaty")).Claims.Single(c => c.Id == "K2");
        Assert.Equal(["signed"], signed.Parts.Single(p => p.Name == "own term").Found);
    }

    private const string ClaimsYaml = """
        article: {id: test, published: 2022-09-20}
        terms:
          us: [United States, Washington]
          peace: [peace, talks, treaty]
        topics:
          - id: us
            all: [["@us"]]
            any: [visit, talks, meeting]
          - id: peace
            all: [[Armenia], [Azerbaijan]]
            any: ["@peace"]
        claims:
          # its every term is a topic's: only the two topics together tell it apart
          - id: K1
            topics: [us, peace]
            text: Washington brokers the peace.
            all: [["@us"], ["@peace"]]
            any: []
            minAny: 0
          # "signed" is its own term
          - id: K2
            topics: [peace]
            text: The treaty is signed.
            any: [treaty, signed]
            minAny: 1
        """;
}
