using System.Text.RegularExpressions;
using Monitor.Core.Linking;

namespace Monitor.Core.Articles.Extraction;

/// <summary>
/// Drafts an article's claims file from its text: the check-worthy sentences become claims (C01… in article
/// order), grouped into topics by the names and words they share, each with a match rule written from its
/// own words. The draft is meant to be corrected by the user; every choice is explained in it.
/// </summary>
public sealed partial class ClaimExtractor(TextAnalysis analysis)
{
    /// <summary>A sentence becomes a claim from this check-worthiness score on.</summary>
    public double MinScore { get; init; } = 3;

    /// <summary>At most this many claims: the best scored, so a long article still gives a file one can review.</summary>
    public int MaxClaims { get; init; } = 30;

    /// <summary>A short article still gets this many claims, if it has sentences that score at all.</summary>
    public int MinClaims { get; init; } = 3;

    /// <summary>Two groups of claims become one topic while their average similarity (cosine) reaches this.</summary>
    public double TopicSimilarity { get; init; } = 0.1;

    /// <summary>Every sentence with its score, in article order (for explaining what was kept and why).</summary>
    public IReadOnlyList<ScoredSentence> Score(string text)
    {
        var terms = new ArticleTerms(SentenceSplitter.Split(text), analysis);
        var scorer = new CheckWorthiness(analysis);
        return terms.Sentences.Select(scorer.Score).ToList();
    }

    public ClaimsDraft Extract(string text)
    {
        var terms = new ArticleTerms(SentenceSplitter.Split(text), analysis);
        var scorer = new CheckWorthiness(analysis);
        var scored = terms.Sentences.Select(scorer.Score).ToList();
        var chosen = Select(scored);
        if (chosen.Count == 0)
            throw new MonitorInputException($"no check-worthy sentence found in the article's text ({scored.Count} sentences)");

        var claimTerms = chosen.Select(i => terms.Sentences[i]).ToList();
        var claimIds = chosen.Select((_, n) => $"C{n + 1:D2}").ToList();
        var grouper = new TopicGrouper(terms) { MergeAt = TopicSimilarity };
        var groups = grouper.Group(claimTerms);
        var rules = new RuleBuilder(terms, analysis);

        // Topic ids and names from each group's one or two most salient concepts, in the article's word order.
        var leads = groups.Select(g => Lead(g, claimTerms)).ToList();
        var topicIds = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lead in leads)
        {
            var slug = Slug.From(string.Join(' ', lead.Select(terms.Display)));
            topicIds.Add(Slug.Unique(slug.Length == 0 ? "topic" : slug, taken));
        }

        var topicsOf = claimTerms.Select((_, c) => groups.Select((g, t) => (g, t)).Where(x => x.g.Members.Contains(c)).Select(x => topicIds[x.t]).ToList()).ToList();
        for (var t = 0; t < groups.Count; t++)
            for (var c = 0; c < claimTerms.Count; c++)
                if (!groups[t].Members.Contains(c) && AlsoAbout(claimTerms[c], groups[t])) topicsOf[c].Add(topicIds[t]);

        var topics = groups.Select((g, t) =>
        {
            var members = Enumerable.Range(0, claimTerms.Count).Where(c => topicsOf[c].Contains(topicIds[t])).Select(c => claimIds[c]).ToList();
            var name = string.Join(" / ", leads[t].Select(terms.Display));
            var about = string.Join(", ", g.Salient.Take(6).Select(terms.Display));
            return new TopicDraft(topicIds[t], name.Length == 0 ? topicIds[t] : Capitalise(name),
                $"Claims about {about} (generated from the article: rename and describe it).",
                rules.ForTopic(g.Salient, g.Members.Select(c => claimTerms[c]).ToList()), members);
        }).ToList();

        var claims = chosen.Select((i, n) => new ClaimDraft(
            claimIds[n], topicsOf[n], Clean(scored[i].Sentence.Text), scored[i].Sentence.Text,
            rules.ForClaim(claimTerms[n], grouper.Weight), CheckWorthiness.Describe(scored[i]))).ToList();

        return new ClaimsDraft(rules.Groups.ToDictionary(g => g.Key, g => g.Value), topics, claims, scored.Count);
    }

    /// <summary>The group's one or two leading concepts, in the order its first claim naming both writes them ("red line").</summary>
    private static List<string> Lead(ClaimGroup group, IReadOnlyList<SentenceTerms> claims)
    {
        var lead = group.Salient.Take(2).ToList();
        if (lead.Count < 2) return lead;
        foreach (var words in group.Members.Select(m => claims[m].Words.Select(w => w.Concept).ToList()))
        {
            int a = words.IndexOf(lead[0]), b = words.IndexOf(lead[1]);
            if (a >= 0 && b >= 0) return a < b ? lead : [lead[1], lead[0]];
        }
        return lead;
    }

    /// <summary>
    /// A claim of another group is also about this topic when it names the topic's main name and two more of
    /// its salient concepts: more than the topic's rule would need to find the claim's sentence.
    /// </summary>
    private static bool AlsoAbout(SentenceTerms claim, ClaimGroup group)
    {
        var main = group.Salient.FirstOrDefault(c => c.StartsWith('@'));
        if (main is null) return false;
        var concepts = claim.Concepts.ToHashSet();
        return concepts.Contains(main) && group.Salient.Take(RuleBuilder.MaxAnyTerms + 1).Count(c => c != main && concepts.Contains(c)) >= 2;
    }

    /// <summary>The indices of the sentences kept as claims, in article order.</summary>
    private List<int> Select(IReadOnlyList<ScoredSentence> scored)
    {
        var ranked = scored.Where(s => s.IsCandidate && s.Score > 0)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Sentence.Index).ToList();
        var kept = ranked.TakeWhile(s => s.Score >= MinScore).Take(MaxClaims).ToList();
        if (kept.Count < MinClaims) kept = ranked.Take(MinClaims).ToList();
        return kept.Select(s => s.Sentence.Index).Order().ToList();
    }

    /// <summary>The sentence as a claim: one line, without the connective that tied it to the one before.</summary>
    internal static string Clean(string sentence)
    {
        var text = Whitespace().Replace(sentence, " ").Trim();
        var stripped = Connective().Replace(text, "");
        return stripped.Length < text.Length && stripped.Length > 0 ? Capitalise(stripped) : text;
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(So|But|And|Yet|Hence|Thus|Still|Also|Indeed|Meanwhile|Moreover|Furthermore|Therefore|Consequently|Instead|Tellingly|However|In fact|In this respect|In turn|Of course|As such),?\s+")]
    private static partial Regex Connective();
}
