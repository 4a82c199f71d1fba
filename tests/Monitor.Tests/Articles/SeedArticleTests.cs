using System.Text.RegularExpressions;
using Monitor.Core;
using Monitor.Core.Articles;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Articles;

public class SeedArticleTests
{
    private static readonly string[] TopicIds =
    [
        "border-clashes", "zangezur-corridor", "russia-csto", "peace-treaty", "nagorno-karabakh", "iran-caucasus",
        "eu-azerbaijan-gas", "russia-turkey", "us-armenia", "israel-azerbaijan", "pan-turkism", "azerbaijan-balancing",
    ];

    [Fact]
    public void The_seed_article_has_the_contract_ids_and_its_date()
    {
        var seed = ArticleCatalog.LoadSeed();
        Assert.Equal("cradle-2022-09-armenia-azerbaijan", seed.Id);
        Assert.Equal(new DateTimeOffset(2022, 9, 20, 0, 0, 0, TimeSpan.Zero), seed.Published);
        Assert.Equal(TopicIds.Order(), seed.Topics.Select(t => t.Id).Order());
        Assert.Equal(Enumerable.Range(1, 21).Select(i => $"C{i:D2}"), seed.Claims.Select(c => c.Id).Order());
        Assert.Contains("Zangezur", seed.Text);
        Assert.All(seed.Claims, c => Assert.False(string.IsNullOrWhiteSpace(c.Text)));
    }

    [SkippableFact]
    public void Claims_sit_under_the_topics_of_the_shared_taxonomy()
    {
        Skip.If(RepoPaths.Shared is null, "../shared is absent: the taxonomy cannot be compared");
        var shared = RepoPaths.Shared!;
        var taxonomy = File.ReadAllText(Path.Combine(shared, "eval", "taxonomy.yaml"));
        var seed = ArticleCatalog.LoadSeed();
        foreach (Match m in Regex.Matches(taxonomy, @"^  (C\d+): \{topics: \[([^\]]*)\]", RegexOptions.Multiline))
        {
            var expected = m.Groups[2].Value.Split(',').Select(s => s.Trim()).Order();
            Assert.Equal(expected, seed.FindClaim(m.Groups[1].Value)!.TopicIds.Order());
        }
    }

    [Fact]
    public void A_claims_file_with_a_mistake_says_where()
    {
        const string yaml = """
            article: {id: a1, published: 2024-01-01}
            topics:
              - {id: t1, any: [x]}
            claims:
              - {id: c1, topics: [t2], any: [y]}
            """;
        var e = Assert.Throws<MonitorInputException>(() => ClaimsFile.Parse(yaml, "mine.yaml", _ => ""));
        Assert.Equal("mine.yaml: claim 'c1' names unknown topic 't2'", e.Message);

        var unsafeId = Assert.Throws<MonitorInputException>(() => ClaimsFile.Parse("article: {id: a, published: 2024-01-01}\ntopics:\n  - {id: 'a|b', any: [x]}\n", "u.yaml", _ => ""));
        Assert.StartsWith("u.yaml: topic id 'a|b' may hold only", unsafeId.Message);

        var typo = Assert.Throws<MonitorInputException>(() => ClaimsFile.Parse("article: {id: a, published: 2024-01-01}\ntopicz: []\n", "t.yaml", _ => ""));
        Assert.StartsWith("t.yaml: line 2", typo.Message);
    }
}
