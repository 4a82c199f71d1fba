using System.Text.RegularExpressions;
using Monitor.Core.Articles;
using Monitor.Core.Feeds;

namespace Monitor.Core.Linking;

/// <summary>
/// Links items to one article's topics and claims by the rules of its claims file. English terms are stemmed
/// by Lucene's English analyzer; terms tagged with a language ("ru:Армения", see <see cref="TermTag"/>) are
/// folded and matched as a stem plus a bounded ending (<see cref="SpellingStemmer"/>). Every term is compiled
/// once here; an item is tokenised once per kind and each term found by its first word, so cost grows with
/// the item's length, not with the number of rules.
/// </summary>
public sealed partial class ClaimMatcher
{
    private readonly Article _article;
    private readonly TextAnalysis _analysis;
    private readonly LinkingOptions _options;
    private readonly List<Term> _terms = [];
    private readonly Dictionary<string, int> _termByKey = new();
    private readonly Dictionary<string, List<int>> _termsByFirstStem = new();
    private readonly Dictionary<string, List<int>> _termsByFirstPrefix = new();
    private readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private readonly int _shortestPrefix = int.MaxValue;
    private readonly List<(Topic Topic, CompiledRule Rule)> _topics;
    private readonly List<(Claim Claim, CompiledRule Rule)> _claims;
    private readonly Dictionary<string, int[]> _ownTerms = new(); // claim id → its terms in none of its topics' rules

    public ClaimMatcher(Article article, TextAnalysis analysis, LinkingOptions options)
    {
        _article = article;
        _analysis = analysis;
        _options = options;
        _topics = article.Topics.Select(t => (t, Compile(t.Rule))).ToList();
        _claims = article.Claims.Select(c => (c, Compile(c.Rule))).ToList();
        foreach (var (claim, rule) in _claims)
        {
            var topicTerms = _topics.Where(t => claim.TopicIds.Contains(t.Topic.Id)).SelectMany(t => t.Rule.Terms).ToHashSet();
            _ownTerms[claim.Id] = rule.Terms.Where(id => !topicTerms.Contains(id)).ToArray();
        }
        _prefixLookup = _termsByFirstPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var key in _termsByFirstPrefix.Keys) _shortestPrefix = Math.Min(_shortestPrefix, key.Length);
    }

    public Article Article => _article;

    public LinkingOptions Options => _options;

    /// <summary>The item's links, or null when it is background (published before the article) or matches nothing.</summary>
    public CoverageLink? Match(FeedItem item)
    {
        if (item.Published < _article.Published) return null;
        var text = TextOf(item);
        var lang = LanguageIdentifier.Identify(item.Title, item.Summary);
        var found = FindTerms(text, lang);
        if (found.Count == 0) return null;
        var hits = found.Select(f => f.TermId).ToHashSet();
        List<(int Start, string Text)>? sentences = null; // split once, only for items that link
        List<(int Start, string Text)> Sentences() => sentences ??= SplitSentences(text).ToList();
        LinkEvidence Evidence(CompiledRule rule, double score) =>
            this.Evidence(rule, found, Sentences()) with { Signals = Signals(rule, hits, score) };

        var topics = new List<TopicLink>();
        foreach (var (topic, rule) in _topics)
        {
            if (Evaluate(rule, hits) is { } score && score >= _options.MinTopicScore)
                topics.Add(new TopicLink(topic.Id, score, Evidence(rule, score)));
        }
        if (topics.Count == 0) return null;

        var linkedTopics = topics.Select(t => t.TopicId).ToHashSet();
        var claims = new List<(ClaimLink Link, CompiledRule Rule)>();
        foreach (var (claim, rule) in _claims)
        {
            var under = claim.TopicIds.Where(linkedTopics.Contains).ToList();
            if (under.Count == 0) continue;
            if (!Distinguished(claim, under, found, Sentences)) continue;
            if (EvaluateClaim(rule, hits, found, Sentences, item.Title.Length) is { } score && score >= _options.MinClaimScore)
                claims.Add((new ClaimLink(claim.Id, under, score, Evidence(rule, score)), rule));
        }
        return new CoverageLink(_article.Id, item, topics, Best(claims, found).ToList()) { Lang = lang };
    }

    /// <summary>
    /// Whether a claim is told apart from its topics (<see cref="LinkingOptions.ClaimOwnTerm"/>): a term of its
    /// own rule that none of its topics' rules has, found where the option asks; or, with
    /// <see cref="LinkingOptions.ClaimTopicsTogether"/>, every one of its two or more topics linked at once
    /// (US + peace process is what "Washington brokers the peace" is, though each word belongs to a topic).
    /// </summary>
    private bool Distinguished(Claim claim, List<string> under, List<Found> found, Func<List<(int Start, string Text)>> sentences)
    {
        if (_options.ClaimOwnTerm == ClaimOwnTerm.Off) return true;
        if (_options.ClaimTopicsTogether && claim.TopicIds.Count > 1 && under.Count == claim.TopicIds.Count) return true;
        return OwnTermsFound(claim, found, sentences).Count > 0;
    }

    /// <summary>The claim's own terms (in none of its topics' rules) found where <see cref="LinkingOptions.ClaimOwnTerm"/> looks.</summary>
    private List<int> OwnTermsFound(Claim claim, List<Found> found, Func<List<(int Start, string Text)>> sentences)
    {
        var own = _ownTerms[claim.Id];
        var end = _options.ClaimOwnTerm == ClaimOwnTerm.Lead ? LeadEnd(sentences()) : int.MaxValue;
        return found.Where(f => f.Start < end && own.Contains(f.TermId)).Select(f => f.TermId).Distinct().ToList();
    }

    /// <summary>
    /// The <see cref="LinkingOptions.MaxClaimsPerItem"/> best claims: highest score first, then the one whose
    /// terms come first in the item (the headline before the lead, the lead before a closing aside).
    /// </summary>
    private IEnumerable<ClaimLink> Best(List<(ClaimLink Link, CompiledRule Rule)> claims, List<Found> found) =>
        _options.MaxClaimsPerItem <= 0 || claims.Count <= _options.MaxClaimsPerItem
            ? claims.Select(c => c.Link)
            : claims.Select((c, order) => (c.Link, First: FirstPlace(c.Rule, found), Order: order))
                .OrderByDescending(c => c.Link.Score).ThenBy(c => c.First).Take(_options.MaxClaimsPerItem)
                .OrderBy(c => c.Order).Select(c => c.Link);

    /// <summary>Where the first term of the rule is found in the item.</summary>
    private static int FirstPlace(CompiledRule rule, List<Found> found)
    {
        foreach (var f in found) if (rule.Supports(f.TermId)) return f.Start;
        return int.MaxValue;
    }

    private static string TextOf(FeedItem item) => item.Title + "\n" + item.Summary;

    /// <summary>
    /// The rule's score in [0, 1), or null when the rule does not hold: 1 - exp(-weight / 2), the weight being
    /// the `any` terms found + 0.5 per `all` group + any bonus (a claim's terms in the headline).
    /// </summary>
    private static double? Evaluate(CompiledRule rule, IReadOnlySet<int> hits, double bonus = 0)
    {
        if (rule.None.Any(hits.Contains)) return null;
        if (!rule.All.All(group => group.Any(hits.Contains))) return null;
        var anyHits = rule.Any.Count(hits.Contains);
        if (anyHits < rule.MinAny) return null;
        var weight = anyHits + 0.5 * rule.All.Length;
        return weight == 0 ? null : Math.Round(1 - Math.Exp(-(weight + bonus) / 2), 3);
    }

    /// <summary>
    /// A claim's rule where <see cref="LinkingOptions.ClaimScope"/> asks: over the whole item, the best single
    /// sentence, or the headline with the summary's first sentence. A `none` term anywhere still vetoes.
    /// Its score gains <see cref="LinkingOptions.HeadlineWeight"/> per term of its rule in the headline.
    /// </summary>
    private double? EvaluateClaim(CompiledRule rule, HashSet<int> hits, List<Found> found,
        Func<List<(int Start, string Text)>> sentences, int headlineEnd)
    {
        var bonus = HeadlineBonus(rule, found, headlineEnd);
        if (Evaluate(rule, hits, bonus) is not { } whole) return null;
        switch (_options.ClaimScope)
        {
            case ClaimScope.Item: return whole;
            case ClaimScope.Lead:
                return Evaluate(rule with { None = [] }, HitsWithin(found, 0, LeadEnd(sentences()))) is not null ? whole : null;
            default:
                double? best = null;
                foreach (var (start, s) in sentences())
                    if (Evaluate(rule with { None = [] }, HitsWithin(found, start, start + s.Length), bonus) is { } score && (best is null || score > best))
                        best = score;
                return best;
        }
    }

    /// <summary><see cref="LinkingOptions.HeadlineWeight"/> for each distinct term of the rule found in the headline.</summary>
    private double HeadlineBonus(CompiledRule rule, List<Found> found, int headlineEnd) =>
        _options.HeadlineWeight == 0 ? 0
            : _options.HeadlineWeight * found.Where(f => f.Start < headlineEnd && rule.Supports(f.TermId)).Select(f => f.TermId).Distinct().Count();

    /// <summary>The end of the lead: the headline and the first sentence of the summary.</summary>
    private static int LeadEnd(List<(int Start, string Text)> sentences) =>
        sentences.Count == 0 ? 0 : sentences[Math.Min(1, sentences.Count - 1)] is var s ? s.Start + s.Text.Length : 0;

    private static HashSet<int> HitsWithin(List<Found> found, int start, int end)
    {
        var hits = new HashSet<int>();
        foreach (var f in found) if (f.Start >= start && f.Start < end) hits.Add(f.TermId);
        return hits;
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

    private static IEnumerable<(int Start, string Text)> SplitSentences(string text)
    {
        var start = 0;
        foreach (Match m in SentenceEnd().Matches(text))
        {
            if (m.Index > start) yield return (start, text[start..m.Index]);
            start = m.Index + m.Length;
        }
        if (start < text.Length) yield return (start, text[start..]);
    }

    /// <summary>
    /// Every term found in the text. Spellings are looked for in every item not identified as English, so
    /// a wrong guess between two other languages costs nothing, and English linking is what the English
    /// vocabulary says ("türk" must not find "Turkic").
    /// </summary>
    private List<Found> FindTerms(string text, string lang)
    {
        var found = new List<Found>();
        var tokens = _analysis.Tokenise(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!_termsByFirstStem.TryGetValue(tokens[i].Term, out var candidates)) continue;
            foreach (var id in candidates)
            {
                var stems = _terms[id].Stems;
                if (i + stems.Length > tokens.Count) continue;
                var matches = true;
                for (var k = 1; k < stems.Length && matches; k++) matches = tokens[i + k].Term == stems[k];
                if (matches) found.Add(new Found(id, tokens[i].Start, tokens[i + stems.Length - 1].End));
            }
        }
        if (_termsByFirstPrefix.Count > 0 && lang != TermTag.English) FindSpellings(TermFolding.Tokenise(text), found);
        if (found.Count < 2) return found;
        found = OnePerSpan(found);
        return _options.LongestMatch ? Longest(found) : found;
    }

    /// <summary>A word found as two terms (English "Iran" and a spelling "de:Iran") counts once: the first, English, one.</summary>
    private static List<Found> OnePerSpan(List<Found> found)
    {
        var seen = new HashSet<(int, int)>();
        return found.Where(f => seen.Add((f.Start, f.End))).ToList();
    }

    private void FindSpellings(List<FoldedToken> tokens, List<Found> found)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var text = tokens[i].Text;
            // Arabic and Hebrew write "and", "the", "in", "to" onto the next word ("وأذربيجان", "and Azerbaijan")
            for (var skip = 0; skip <= (text.Length > 4 && Proclitics.Contains(text[0]) ? 1 : 0); skip++)
            {
                var word = text.AsSpan(skip);
                for (var length = _shortestPrefix; length <= word.Length; length++)
                {
                    if (!_prefixLookup.TryGetValue(word[..length], out var candidates)) continue;
                    foreach (var id in candidates)
                    {
                        var words = _terms[id].Words;
                        if (i + words.Length > tokens.Count) continue;
                        var matches = words[0].Matches(text[skip..]);
                        for (var k = 1; k < words.Length && matches; k++) matches = words[k].Matches(tokens[i + k].Text);
                        if (matches) found.Add(new Found(id, tokens[i].Start, tokens[i + words.Length - 1].End));
                    }
                }
            }
        }
    }

    /// <summary>One-letter Arabic (و ب ل ف) and Hebrew (ו ה ב ל מ ש) proclitics, tried off a word's front.</summary>
    private static readonly HashSet<char> Proclitics = ['و', 'ب', 'ل', 'ف', 'ו', 'ה', 'ב', 'ל', 'מ', 'ש'];

    /// <summary>
    /// Drops a term found inside a longer one, unless it is the longer one's first word: "peace" and "route"
    /// in "Trump Route for International Peace and Prosperity", "treaty" in "Collective Security Treaty
    /// Organization" do not count on their own, but "Armenian" in "Armenian border" still names Armenia.
    /// </summary>
    private static List<Found> Longest(List<Found> found)
    {
        var kept = new List<Found>(found.Count);
        foreach (var f in found)
        {
            var inside = false;
            foreach (var g in found)
                if (g.Start < f.Start && g.End >= f.End) { inside = true; break; }
            if (!inside) kept.Add(f);
        }
        return kept;
    }

    private CompiledRule Compile(MatchRule rule) => new(
        rule.All.Select(g => g.SelectMany(Intern).Distinct().ToArray()).ToArray(),
        rule.Any.SelectMany(Intern).Distinct().ToArray(),
        rule.MinAny,
        rule.None.SelectMany(Intern).ToArray());

    /// <summary>
    /// The id of a term (none for a stop word alone, or a spelling when spellings are off); terms that stem
    /// alike ("clash", "clashes") share one id.
    /// </summary>
    private IEnumerable<int> Intern(string display)
    {
        var (lang, text) = TermTag.Split(display);
        string key;
        Term term;
        if (lang == TermTag.English)
        {
            var stems = _analysis.Stems(text);
            if (stems.Length == 0) yield break; // a stop word alone can never be found
            key = string.Join(' ', stems);
            term = new Term(display, lang, stems, []);
        }
        else
        {
            if (!_options.Spellings) yield break;
            var words = TermFolding.Tokenise(text)
                .Select(t => SpellingStemmer.Of(lang, text[t.Start..t.End], _options.StemSpellings))
                .Select(p => new SpellingWord(p.Prefix, p.MaxEnding)).ToArray();
            if (words.Length == 0) yield break;
            // One term for one folded form, whatever the language ("tr:Ermenistan", "az:Ermənistan"), with the longer endings
            key = "*" + string.Join(' ', words.Select(w => w.Prefix));
            term = new Term(display, lang, [], words);
            if (_termByKey.TryGetValue(key, out var same))
            {
                var known = _terms[same].Words;
                for (var k = 0; k < known.Length; k++) known[k] = known[k] with { MaxEnding = Math.Max(known[k].MaxEnding, words[k].MaxEnding) };
            }
        }
        if (!_termByKey.TryGetValue(key, out var id))
        {
            id = _terms.Count;
            _terms.Add(term);
            _termByKey[key] = id;
            var (index, first) = term.Words.Length > 0 ? (_termsByFirstPrefix, term.Words[0].Prefix) : (_termsByFirstStem, term.Stems[0]);
            if (!index.TryGetValue(first, out var list)) index[first] = list = [];
            list.Add(id);
        }
        yield return id;
    }

    /// <summary>A term of the claims file as compiled: English stems, or folded spelling words.</summary>
    private sealed record Term(string Display, string Lang, string[] Stems, SpellingWord[] Words);

    /// <summary>A word of a spelling: found in a folded item word that starts with the prefix and adds at most MaxEnding letters.</summary>
    private readonly record struct SpellingWord(string Prefix, int MaxEnding)
    {
        public bool Matches(string word) =>
            word.Length >= Prefix.Length && word.Length - Prefix.Length <= MaxEnding && word.StartsWith(Prefix, StringComparison.Ordinal);
    }

    private readonly record struct Found(int TermId, int Start, int End);

    private sealed record CompiledRule(int[][] All, int[] Any, int MinAny, int[] None)
    {
        public bool Supports(int termId) => Any.Contains(termId) || All.Any(g => g.Contains(termId));

        public IEnumerable<int> Terms => All.SelectMany(g => g).Concat(Any).Distinct();
    }

    [GeneratedRegex(@"(?<=[.!?։።。؟])\s+|\n")]
    private static partial Regex SentenceEnd();
}
