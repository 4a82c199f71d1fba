using Monitor.Core.Articles;
using Monitor.Core.Feeds;

namespace Monitor.Core.Linking;

public sealed partial class ClaimMatcher
{
    /// <summary>Why the item is or is not linked to each of the article's topics and claims (slower than <see cref="Match"/>; for people).</summary>
    public Explanation Explain(FeedItem item)
    {
        var text = TextOf(item);
        var lang = LanguageIdentifier.Identify(item.Title, item.Summary);
        var background = item.Published < _article.Published;
        var found = FindTerms(text, lang);
        var hits = found.Select(f => f.TermId).ToHashSet();
        var sentences = SplitSentences(text).ToList();
        var terms = found
            .Select(f => new FoundTerm(_terms[f.TermId].Display, _terms[f.TermId].Lang, text[f.Start..f.End]))
            .DistinctBy(t => (t.Term, t.Text)).ToList();

        var topics = _topics.Select(t => ExplainRule(t.Topic.Id, t.Rule, hits, _options.MinTopicScore, background, [])).ToList();
        var linkedTopics = topics.Where(t => t.Linked).Select(t => t.Id).ToHashSet();
        var claims = _claims.Select(c =>
        {
            var under = c.Claim.TopicIds.Where(linkedTopics.Contains).ToList();
            var parts = new List<RulePart>
            {
                new("topic", under.Count > 0, under, $"one of its topics linked ({string.Join(", ", c.Claim.TopicIds)})"),
            };
            if (_options.ClaimScope != ClaimScope.Item)
            {
                var inScope = EvaluateClaim(c.Rule, hits, found, () => sentences, text) is not null;
                parts.Add(new("scope", inScope, [], _options.ClaimScope == ClaimScope.Sentence
                    ? "the rule holds within one sentence (the headline is one)" : "the rule holds within the headline and first sentence"));
            }
            return ExplainRule(c.Claim.Id, c.Rule, hits, _options.MinClaimScore, background, parts);
        }).ToList();
        return new Explanation(_article.Id, item.Title, lang, background, terms, topics, claims);
    }

    private RuleExplanation ExplainRule(string id, CompiledRule rule, HashSet<int> hits, double threshold, bool background, List<RulePart> extra)
    {
        string Show(int termId) => TermTag.Show(_terms[termId].Display);
        List<string> Found(IEnumerable<int> ids) => ids.Where(hits.Contains).Select(Show).Distinct().ToList();
        string Some(IEnumerable<int> ids) => string.Join(", ", ids.Where(i => _terms[i].Lang == TermTag.English).Select(Show).Distinct().Take(6)) + ", …";

        var parts = new List<RulePart>();
        for (var g = 0; g < rule.All.Length; g++)
        {
            var f = Found(rule.All[g]);
            parts.Add(new($"all {g + 1}", f.Count > 0, f, $"one of: {Some(rule.All[g])}"));
        }
        var any = Found(rule.Any);
        parts.Add(new("any", any.Count >= rule.MinAny, any, $"at least {rule.MinAny} of: {Some(rule.Any)}"));
        var vetoes = Found(rule.None);
        parts.Add(new("none", vetoes.Count == 0, vetoes, rule.None.Length == 0 ? "no veto terms" : $"none of: {Some(rule.None)}"));
        parts.AddRange(extra);

        var score = Evaluate(rule, hits);
        var failed = parts.Where(p => !p.Held).Select(p => p.Name).ToList();
        if (score is { } s) parts.Add(new("score", s >= threshold, [], $"≥ {threshold:0.00}: 1 - exp(-(keywords + 0.5 × groups) / 2) = {s:0.000}"));
        var linked = !background && failed.Count == 0 && score >= threshold;
        var why = background ? "not linked: published before the article (background)"
            : linked ? $"linked: every part held, score {score:0.00} ≥ {threshold:0.00}"
            : failed.Count > 0 ? $"not linked: {string.Join(", ", failed)} not held"
            : score is null ? "not linked: nothing to score"
            : $"not linked: score {score:0.00} < {threshold:0.00}";
        return new RuleExplanation(id, linked, score, threshold, parts, why);
    }
}
