using Monitor.Core;
using Monitor.Core.Articles.Extraction;
using Monitor.Core.Linking;

namespace Monitor.Tests.Articles.Extraction;

public class ClaimExtractorTests
{
    private static readonly TextAnalysis Analysis = new();

    private const string Story = """
        Port strike spreads
        Dockworkers in Rotterdam walked out on 3 March, halting 40% of container traffic, the union said.
        The Rotterdam strike is the largest since 1979, according to the port authority.
        Shipping lines warned that freight rates could double if the Rotterdam stoppage lasts into April.
        What will the government do?
        We think everyone should calm down and talk.
        Antwerp dockworkers announced a solidarity stoppage on Friday, and Hamburg unions said they would vote next week.
        It was a grey day.
        """;

    [Fact]
    public void Factual_sentences_outscore_opinion_and_questions_and_headings_are_rejected()
    {
        var scored = new ClaimExtractor(Analysis).Score(Story);
        ScoredSentence Find(string start) => scored.Single(s => s.Sentence.Text.StartsWith(start, StringComparison.Ordinal));

        Assert.Equal("heading", Find("Port strike").Rejected);
        Assert.Equal("question", Find("What will").Rejected);
        Assert.StartsWith("short", Find("It was a grey day").Rejected);

        var walkout = Find("Dockworkers");
        Assert.Contains("number", walkout.Features);
        Assert.Contains("percentage", walkout.Features);
        Assert.Contains("date", walkout.Features);
        Assert.Contains("attribution", walkout.Features);
        Assert.Contains("comparison", Find("The Rotterdam strike").Features);
        Assert.Contains("prediction", Find("Shipping lines").Features);
        var opinion = Find("We think");
        Assert.Contains("opinion: normative", opinion.Features);
        Assert.Contains("opinion: first person", opinion.Features);
        Assert.True(opinion.Score < 0, $"opinion scored {opinion.Score}");
        Assert.All(scored.Where(s => s.IsCandidate && s != opinion), s => Assert.True(s.Score > opinion.Score + 2, s.Sentence.Text));
    }

    [Fact]
    public void Claims_are_numbered_in_article_order_and_each_sits_under_a_topic_of_the_draft()
    {
        var draft = new ClaimExtractor(Analysis) { MinScore = 2 }.Extract(Story);

        Assert.Equal(Enumerable.Range(1, draft.Claims.Count).Select(i => $"C{i:D2}"), draft.Claims.Select(c => c.Id));
        var quotes = draft.Claims.Select(c => c.Quote).ToList();
        Assert.Equal(quotes.OrderBy(q => Story.IndexOf(q, StringComparison.Ordinal)), quotes);
        Assert.All(quotes, q => Assert.Contains(q, Story));
        Assert.DoesNotContain(quotes, q => q.StartsWith("We think", StringComparison.Ordinal) || q.EndsWith('?') || q == "Port strike spreads");
        Assert.Contains(quotes, q => q.StartsWith("Dockworkers in Rotterdam", StringComparison.Ordinal));

        var topicIds = draft.Topics.Select(t => t.Id).ToList();
        Assert.Equal(topicIds.Distinct(), topicIds);
        Assert.All(topicIds, id => Assert.True(Slug.IsValidId(id), id));
        Assert.All(draft.Claims, c => Assert.NotEmpty(c.TopicIds));
        Assert.All(draft.Claims, c => Assert.All(c.TopicIds, t => Assert.Contains(c.Id, draft.Topics.Single(x => x.Id == t).ClaimIds)));
        // Rotterdam is named by most claims: a topic rule requires it, through its term group.
        Assert.Contains(draft.Topics, t => t.Rule.All.Any(g => g.Contains("@rotterdam")));
        Assert.Equal(["Rotterdam"], draft.Terms["rotterdam"]);
    }

    [Fact]
    public void The_claim_text_drops_the_connective_and_keeps_the_quote_verbatim()
    {
        Assert.Equal("Russia must act.", ClaimExtractor.Clean("Hence,  Russia must\nact."));
        Assert.Equal("Baku has interpreted it.", ClaimExtractor.Clean("Baku has interpreted it."));
        Assert.Equal("Many outlets called for it.", ClaimExtractor.Clean("Tellingly, many outlets called for it."));
    }

    [Fact]
    public void A_text_without_a_check_worthy_sentence_is_an_input_error()
    {
        var e = Assert.Throws<MonitorInputException>(() => new ClaimExtractor(Analysis).Extract("Hello there.\nWhy not?"));
        Assert.Contains("no check-worthy sentence", e.Message);
    }

    [Fact]
    public void Slugs_are_valid_ids()
    {
        Assert.Equal("turkiyes-election-what-next", Slug.From("Türkiye’s election: what next?"));
        Assert.Equal("azerbaijans-aggression-against-armenia", Slug.From("Azerbaijan's aggression against Armenia"));
        Assert.True(Slug.From(new string('a', 30) + " " + new string('b', 50)).Length <= 60);
        Assert.Equal("x-3", Slug.Unique("x", new HashSet<string> { "x", "x-2" }));
    }
}
