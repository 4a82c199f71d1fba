using System.Text.RegularExpressions;
using Monitor.Core.Articles;
using Monitor.Core.Feeds;

namespace Monitor.Core.Linking;

/// <summary>
/// Links items to one article's topics and claims by the rules of its claims file. Every term is stemmed
/// once here; an item is tokenised once and each term found by its first stem, so cost grows with the
/// item's length, not with the number of rules.
/// </summary>
public sealed partial class ClaimMatcher
{
    private readonly Article _article;
    private readonly TextAnalysis _analysis;
    private readonly LinkingOptions _options;
    private readonly List<Term> _terms = [];
    private readonly Dictionary<string, int> _termByKey = new();
    private readonly Dictionary<string, List<int>> _termsByFirstStem = new();
    private readonly List<(Topic Topic, CompiledRule Rule)> _topics;
    private readonly List<(Claim Claim, CompiledRule Rule)> _claims;

    public ClaimMatcher(Article article, TextAnalysis analysis, LinkingOptions options)
    {
        _article = article;
        _analysis = analysis;
        _options = options;
        _topics = article.Topics.Select(t => (t, Compile(t.Rule))).ToList();
        _claims = article.Claims.Select(c => (c, Compile(c.Rule))).ToList();
    }

    public Article Article => _article;

    /// <summary>The item's links, or null when it is background (published before the article) or matches nothing.</summary>
    public CoverageLink? Match(FeedItem item)
    {
        if (item.Published < _article.Published) return null;
        var text = item.Title + "\n" + item.Summary;
        var found = FindTerms(_analysis.Tokenise(text));
        if (found.Count == 0) return null;
        var hits = found.Select(f => f.TermId).ToHashSet();
        List<(int Start, string Text)>? sentences = null; // split once, only for items that link
        LinkEvidence Evidence(CompiledRule rule, double score) =>
            this.Evidence(rule, found, sentences ??= Sentences(text).ToList()) with { Signals = Signals(rule, hits, score) };

        var topics = new List<TopicLink>();
        foreach (var (topic, rule) in _topics)
        {
            if (Evaluate(rule, hits) is { } score && score >= _options.MinTopicScore)
                topics.Add(new TopicLink(topic.Id, score, Evidence(rule, score)));
        }
        if (topics.Count == 0) return null;

        var linkedTopics = topics.Select(t => t.TopicId).ToHashSet();
        var claims = new List<ClaimLink>();
        foreach (var (claim, rule) in _claims)
        {
            var under = claim.TopicIds.Where(linkedTopics.Contains).ToList();
            if (under.Count == 0) continue;
            if (Evaluate(rule, hits) is { } score && score >= _options.MinClaimScore)
                claims.Add(new ClaimLink(claim.Id, under, score, Evidence(rule, score)));
        }
        return new CoverageLink(_article.Id, item, topics, claims);
    }

    /// <summary>The rule's score in [0, 1), or null when the rule does not hold.</summary>
    private static double? Evaluate(CompiledRule rule, HashSet<int> hits)
    {
        if (rule.None.Any(hits.Contains)) return null;
        if (!rule.All.All(group => group.Any(hits.Contains))) return null;
        var anyHits = rule.Any.Count(hits.Contains);
        if (anyHits < rule.MinAny) return null;
        var weight = anyHits + 0.5 * rule.All.Length;
        return weight == 0 ? null : Math.Round(1 - Math.Exp(-weight / 2), 3);
    }

    private static LinkSignals Signals(CompiledRule rule, HashSet<int> hits, double score) =>
        new(rule.All.Length, rule.Any.Count(hits.Contains), rule.MinAny, score);

    private LinkEvidence Evidence(CompiledRule rule, List<Found> found, List<(int Start, string Text)> sentences)
    {
        var relevant = found.Where(f => rule.Supports(f.TermId)).ToList();
        var terms = relevant.Select(f => _terms[f.TermId].Display).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var best = sentences
            .Select(s => (s.Start, s.Text, Count: relevant.Count(f => f.Start >= s.Start && f.Start < s.Start + s.Text.Length)))
            .OrderByDescending(s => s.Count).ThenBy(s => s.Start)
            .FirstOrDefault();
        return new LinkEvidence(terms, best.Text?.Trim() ?? "");
    }

    private static IEnumerable<(int Start, string Text)> Sentences(string text)
    {
        var start = 0;
        foreach (Match m in SentenceEnd().Matches(text))
        {
            if (m.Index > start) yield return (start, text[start..m.Index]);
            start = m.Index + m.Length;
        }
        if (start < text.Length) yield return (start, text[start..]);
    }

    private List<Found> FindTerms(IReadOnlyList<Token> tokens)
    {
        var found = new List<Found>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!_termsByFirstStem.TryGetValue(tokens[i].Term, out var candidates)) continue;
            foreach (var id in candidates)
            {
                var stems = _terms[id].Stems;
                if (i + stems.Length > tokens.Count) continue;
                var matches = true;
                for (var k = 1; k < stems.Length && matches; k++) matches = tokens[i + k].Term == stems[k];
                if (matches) found.Add(new Found(id, tokens[i].Start));
            }
        }
        return found;
    }

    private CompiledRule Compile(MatchRule rule) => new(
        rule.All.Select(g => g.Select(Intern).Where(id => id >= 0).ToArray()).ToArray(),
        rule.Any.Select(Intern).Where(id => id >= 0).Distinct().ToArray(),
        rule.MinAny,
        rule.None.Select(Intern).Where(id => id >= 0).ToArray());

    /// <summary>The id of a term by its stems; terms that stem alike ("clash", "clashes") share one id.</summary>
    private int Intern(string display)
    {
        var stems = _analysis.Stems(display);
        if (stems.Length == 0) return -1; // a stop word alone can never be found
        var key = string.Join(' ', stems);
        if (_termByKey.TryGetValue(key, out var id)) return id;
        id = _terms.Count;
        _terms.Add(new Term(display, stems));
        _termByKey[key] = id;
        if (!_termsByFirstStem.TryGetValue(stems[0], out var list)) _termsByFirstStem[stems[0]] = list = [];
        list.Add(id);
        return id;
    }

    private sealed record Term(string Display, string[] Stems);

    private readonly record struct Found(int TermId, int Start);

    private sealed record CompiledRule(int[][] All, int[] Any, int MinAny, int[] None)
    {
        public bool Supports(int termId) => Any.Contains(termId) || All.Any(g => g.Contains(termId));
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n")]
    private static partial Regex SentenceEnd();
}
