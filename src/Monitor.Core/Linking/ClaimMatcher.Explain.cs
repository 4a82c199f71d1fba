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
            if (_options.ClaimOwnTerm != ClaimOwnTerm.Off)
            {
                var own = OwnTermsFound(c.Claim, found, () => sentences).Select(Show).Distinct().ToList();
                var together = _options.ClaimTopicsTogether && c.Claim.TopicIds.Count > 1;
                parts.Add(new("own term", Distinguished(c.Claim, under, found, () => sentences), own,
                    $"a term in none of its topics' rules{(_options.ClaimOwnTerm == ClaimOwnTerm.Lead ? " in the headline or first sentence" : "")}" +
                    $"{(together ? ", or all its topics linked" : "")}: {Some(_ownTerms[c.Claim.Id])}"));
            }
            if (_options.ClaimScope != ClaimScope.Item)
            {
                var inScope = EvaluateClaim(c.Rule, hits, found, () => sentences, item.Title.Length) is not null;
                parts.Add(new("scope", inScope, [], _options.ClaimScope == ClaimScope.Sentence
                    ? "the rule holds within one sentence (the headline is one)" : "the rule holds within the headline and first sentence"));
            }
            var bonus = HeadlineBonus(c.Rule, found, item.Title.Length);
            return ExplainRule(c.Claim.Id, c.Rule, hits, _options.MinClaimScore, background, parts, bonus);
        }).ToList();
        Rank(claims, found);
        return new Explanation(_article.Id, item.Title, lang, background, terms, topics, claims);
    }

    /// <summary>
    /// With <see cref="LinkingOptions.MaxClaimsPerItem"/>: the claims that would link, best first as
    /// <see cref="Best"/> ranks them; those past the limit are not linked, and say so.
    /// </summary>
    private void Rank(List<RuleExplanation> claims, List<Found> found)
    {
        var max = _options.MaxClaimsPerItem;
        if (max <= 0) return;
        var ranked = claims.Select((c, i) => (c, i)).Where(x => x.c.Linked)
            .OrderByDescending(x => x.c.Score).ThenBy(x => FirstPlace(_claims[x.i].Rule, found)).ToList();
        for (var r = 0; r < ranked.Count; r++)
        {
            var (c, i) = ranked[r];
            var kept = r < max;
            var part = new RulePart("rank", kept, [], $"among the {max} best-scoring claims of the item (it is number {r + 1} of {ranked.Count})");
            claims[i] = c with
            {
                Linked = kept, Parts = [.. c.Parts.Take(c.Parts.Count - 1), part, c.Parts[^1]],
                Why = kept ? c.Why : $"not linked: rank not held ({ranked.Count} claims held, at most {max} per item)",
            };
        }
    }

    private string Show(int termId) => TermTag.Show(_terms[termId].Display);

    private string Some(IEnumerable<int> ids) =>
        string.Join(", ", ids.Where(i => _terms[i].Lang == TermTag.English).Select(Show).Distinct().Take(6)) + ", …";

    private RuleExplanation ExplainRule(string id, CompiledRule rule, HashSet<int> hits, double threshold, bool background, List<RulePart> extra, double bonus = 0)
    {
        List<string> Found(IEnumerable<int> ids) => ids.Where(hits.Contains).Select(Show).Distinct().ToList();

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

        var score = Evaluate(rule, hits, bonus);
        var failed = parts.Where(p => !p.Held).Select(p => p.Name).ToList();
        var formula = bonus > 0 ? $"1 - exp(-(keywords + 0.5 × groups + {bonus:0.0} for terms in the headline) / 2)" : "1 - exp(-(keywords + 0.5 × groups) / 2)";
        if (score is { } s) parts.Add(new("score", s >= threshold, [], $"≥ {threshold:0.00}: {formula} = {s:0.000}"));
        var linked = !background && failed.Count == 0 && score >= threshold;
        var why = background ? "not linked: published before the article (background)"
            : linked ? $"linked: every part held, score {score:0.00} ≥ {threshold:0.00}"
            : failed.Count > 0 ? $"not linked: {string.Join(", ", failed)} not held"
            : score is null ? "not linked: nothing to score"
            : $"not linked: score {score:0.00} < {threshold:0.00}";
        return new RuleExplanation(id, linked, score, threshold, parts, why);
    }
}
