using Monitor.Core.Linking;

namespace Monitor.Core.Articles.Extraction;

/// <summary>A stemmed word of a sentence; <see cref="Concept"/> joins inflections and name variants ("Iran", "Iranian").</summary>
internal sealed record Word(string Surface, string Stem, string Concept, bool IsEntity, bool IsWeak);

/// <summary>The words of one sentence and the concepts they stand for.</summary>
internal sealed record SentenceTerms(Sentence Sentence, IReadOnlyList<Word> Words)
{
    public IEnumerable<string> Concepts => Words.Where(w => !w.IsWeak).Select(w => w.Concept).Distinct();
    public IEnumerable<string> Entities => Words.Where(w => w.IsEntity && !w.IsWeak).Select(w => w.Concept).Distinct();
}

/// <summary>
/// What the article's words are, learnt from the article itself: which are names (capitalised where a
/// sentence does not start), which name variants belong together, and how rare each concept is (IDF over
/// the sentences), so that "Armenia" in an article about Armenia weighs less than "Pelosi".
/// </summary>
internal sealed class ArticleTerms
{
    // Capitalised parts of names that say little on their own ("President", "South"): kept, but weak.
    private static readonly string[] TitleWords =
    [
        "president", "prime", "minister", "ministry", "speaker", "house", "professor", "dr", "mr", "mrs", "ms", "general", "secretary",
        "foreign", "defense", "defence", "republic", "autonomous", "union", "organization", "organisation", "corps", "force", "forces",
        "council", "party", "university", "state", "states", "united", "northern", "southern", "eastern", "western", "north", "south",
        "east", "west", "central", "new", "sea", "river", "province", "region", "city", "national", "international", "relations", "news",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december", "us",
    ];

    // Words too common in any news text to tell one claim or topic from another.
    private static readonly string[] WeakWords =
    [
        "also", "however", "one", "two", "three", "mani", "many", "such", "even", "thus", "still", "well", "like", "may", "could",
        "would", "might", "must", "shall", "can", "said", "say", "says", "last", "week", "day", "days", "year", "years", "time", "way",
        "other", "another", "both", "some", "more", "most", "less", "least", "only", "just", "very", "much", "now", "then", "while",
        "whether", "which", "who", "what", "when", "where", "why", "how", "all", "any", "each", "own", "same", "so", "than", "too",
        "has", "have", "had", "do", "does", "did", "been", "being", "were", "its", "his", "her", "our", "your", "we", "you", "he",
        "she", "him", "them", "those", "from", "about", "over", "under", "after", "before", "between", "against", "within", "without",
        "among", "since", "until", "upon", "via", "per", "up", "down", "out", "off", "again", "further", "once", "here", "already",
        "though", "although", "because", "despite", "including", "include", "includes", "make", "made", "take", "took", "taken", "get",
        "got", "give", "given", "seen", "see", "seem", "seems", "become", "became", "part", "lot", "far", "ago", "yet", "across",
        "along", "around", "ahead", "behind", "near", "toward", "towards", "whose", "whom", "mention", "mentioning", "worth", "fact",
        "word", "words", "thing", "things", "first", "new", "latest", "recent", "recently", "us", "pro", "anti", "non", "pre", "post",
        "semi", "multi", "full", "scale", "centric", "led", "re",
    ];

    private readonly HashSet<string> _weakStems;
    private readonly HashSet<string> _titleStems;
    private readonly Dictionary<string, int> _documentFrequency = new();
    private readonly Dictionary<string, Dictionary<string, int>> _forms = new();
    private readonly Dictionary<string, string> _qualifies;

    public ArticleTerms(IReadOnlyList<Sentence> sentences, TextAnalysis analysis)
    {
        _weakStems = WeakWords.SelectMany(analysis.Stems).ToHashSet();
        _titleStems = TitleWords.SelectMany(analysis.Stems).ToHashSet();

        var tokens = sentences.Select(s => analysis.Tokenise(s.Text)
            .Where(t => t.Term.Length > 1 && !t.Term.All(char.IsDigit))
            .Select(t => new Raw(t.Term, Surface(s.Text, t), IsInitial(s.Text, t), t.Start, t.End)).ToList()).ToList();
        var entityStems = EntityStems(tokens.SelectMany(t => t));
        var concept = ConceptRoots(entityStems);

        var words = sentences.Select((s, i) => tokens[i].Select(t =>
        {
            var isEntity = entityStems.Contains(t.Term) && char.IsUpper(t.Surface[0]);
            var root = isEntity ? concept[t.Term] : t.Term;
            var weak = _weakStems.Contains(t.Term) || (isEntity && _titleStems.Contains(t.Term));
            return new Word(t.Surface, t.Term, isEntity ? "@" + root : root, isEntity, weak);
        }).ToList()).ToList();
        var pairs = CompoundPairs(sentences, tokens, words);
        Sentences = sentences.Select((s, i) => new SentenceTerms(s, Compounds(s.Text, tokens[i], words[i], pairs))).ToList();

        _qualifies = Qualifiers(Sentences);
        foreach (var s in Sentences)
        {
            foreach (var c in s.Words.Select(w => w.Concept).Distinct()) _documentFrequency[c] = _documentFrequency.GetValueOrDefault(c) + 1;
            foreach (var w in s.Words)
            {
                if (!_forms.TryGetValue(w.Concept, out var forms)) _forms[w.Concept] = forms = new Dictionary<string, int>(StringComparer.Ordinal);
                forms[w.Surface] = forms.GetValueOrDefault(w.Surface) + 1;
            }
        }
    }

    public IReadOnlyList<SentenceTerms> Sentences { get; }

    /// <summary>Rarer concepts weigh more: log(N / df), at least a little for concepts in every sentence.</summary>
    public double Idf(string concept) =>
        Math.Max(0.1, Math.Log((double)Sentences.Count / Math.Max(1, _documentFrequency.GetValueOrDefault(concept))));

    /// <summary>
    /// The name a first name or qualifier always stands before in the article ("Vladimir" → "Putin"), so rules
    /// can prefer the name itself; null when the concept stands on its own somewhere.
    /// </summary>
    public string? Qualifies(string concept) => _qualifies.GetValueOrDefault(concept);

    public int DocumentFrequency(string concept) => _documentFrequency.GetValueOrDefault(concept);

    /// <summary>The spellings of a concept in the article, most frequent first ("Iran", "Iranian", "Iranians").</summary>
    public IReadOnlyList<string> Forms(string concept) => _forms.TryGetValue(concept, out var forms)
        ? forms.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key).ToList()
        : [];

    public string Display(string concept) => Forms(concept).FirstOrDefault() ?? concept.TrimStart('@');

    private sealed record Raw(string Term, string Surface, bool Initial, int Start, int End);

    /// <summary>
    /// Names of two words that always stand together ("Nagorno-Karabakh", "Tel Aviv"): every occurrence of the
    /// first is followed by the second and every occurrence of the second follows the first.
    /// </summary>
    private static HashSet<(string, string)> CompoundPairs(IReadOnlyList<Sentence> sentences, List<List<Raw>> tokens, List<List<Word>> words)
    {
        var count = new Dictionary<string, int>();
        var adjacent = new Dictionary<(string, string), int>();
        for (var s = 0; s < sentences.Count; s++)
            for (var i = 0; i < words[s].Count; i++)
            {
                if (!words[s][i].IsEntity) continue;
                count[words[s][i].Concept] = count.GetValueOrDefault(words[s][i].Concept) + 1;
                // "Caspian Sea", "Speaker Pelosi": a title word would make the name harder to find, not clearer.
                if (i + 1 < words[s].Count && words[s][i + 1].IsEntity && !words[s][i].IsWeak && !words[s][i + 1].IsWeak
                    && Joined(sentences[s].Text, tokens[s][i], tokens[s][i + 1]))
                {
                    var pair = (words[s][i].Concept, words[s][i + 1].Concept);
                    adjacent[pair] = adjacent.GetValueOrDefault(pair) + 1;
                }
            }
        return adjacent.Where(p => p.Key.Item1 != p.Key.Item2 && p.Value == count[p.Key.Item1] && p.Value == count[p.Key.Item2])
            .Select(p => p.Key).ToHashSet();
    }

    /// <summary>The sentence's words with compound names joined into one word ("@nagorno karabakh").</summary>
    private static List<Word> Compounds(string text, List<Raw> tokens, List<Word> words, HashSet<(string, string)> pairs)
    {
        var result = new List<Word>();
        for (var i = 0; i < words.Count; i++)
        {
            var end = i;
            while (end + 1 < words.Count && words[end + 1].IsEntity && words[end].IsEntity
                   && pairs.Contains((words[end].Concept, words[end + 1].Concept)) && Joined(text, tokens[end], tokens[end + 1])) end++;
            if (end == i) { result.Add(words[i]); continue; }
            var parts = words[i..(end + 1)];
            result.Add(new Word(text[tokens[i].Start..tokens[end].Start] + parts[^1].Surface,
                string.Join(' ', parts.Select(p => p.Stem)), "@" + string.Join(' ', parts.Select(p => p.Concept.TrimStart('@'))),
                IsEntity: true, IsWeak: parts.All(p => p.IsWeak)));
            i = end;
        }
        return result;
    }

    private static Dictionary<string, string> Qualifiers(IReadOnlyList<SentenceTerms> terms)
    {
        var next = new Dictionary<string, HashSet<string>>();
        foreach (var s in terms)
        {
            // Word positions in the text, to tell "Vladimir Putin" from "Vladimir, Putin".
            var at = 0;
            var spans = new List<(int Start, int End)>();
            foreach (var w in s.Words)
            {
                var start = s.Sentence.Text.IndexOf(w.Surface, at, StringComparison.Ordinal);
                if (start < 0) { spans.Add((-1, -1)); continue; }
                spans.Add((start, start + w.Surface.Length));
                at = start + w.Surface.Length;
            }
            for (var i = 0; i < s.Words.Count; i++)
            {
                var w = s.Words[i];
                if (!w.IsEntity || w.IsWeak) continue;
                if (!next.TryGetValue(w.Concept, out var set)) next[w.Concept] = set = [];
                var joined = i + 1 < s.Words.Count && s.Words[i + 1].IsEntity && !s.Words[i + 1].IsWeak && spans[i].End >= 0
                    && spans[i + 1].Start == spans[i].End + 1 && s.Sentence.Text[spans[i].End] == ' ';
                set.Add(joined ? s.Words[i + 1].Concept : "");
            }
        }
        return next.Where(n => n.Value.Count == 1 && n.Value.Single() is { Length: > 0 } after && after != n.Key)
            .ToDictionary(n => n.Key, n => n.Value.Single());
    }

    /// <summary>Two tokens written as one name: only a space or a hyphen between them.</summary>
    private static bool Joined(string text, Raw a, Raw b) => b.Start - a.End == 1 && text[a.End] is ' ' or '-' or '‐';

    /// <summary>
    /// Stems written capitalised where no sentence starts, at least as often as in lower case; a word that
    /// opens a sentence is a name only if the article capitalises it elsewhere too.
    /// </summary>
    private static HashSet<string> EntityStems(IEnumerable<Raw> tokens)
    {
        var upper = new Dictionary<string, int>();
        var lower = new Dictionary<string, int>();
        foreach (var (term, surface, initial, _, _) in tokens)
        {
            if (char.IsLower(surface[0])) lower[term] = lower.GetValueOrDefault(term) + 1;
            else if (char.IsUpper(surface[0]) && !initial) upper[term] = upper.GetValueOrDefault(term) + 1;
        }
        return upper.Where(u => u.Value >= lower.GetValueOrDefault(u.Key)).Select(u => u.Key).ToHashSet();
    }

    /// <summary>Name variants whose stems extend a shorter one ("iran" → "iranian", "isra" → "israel") share its root.</summary>
    private static Dictionary<string, string> ConceptRoots(HashSet<string> stems)
    {
        var roots = new Dictionary<string, string>();
        var known = new List<string>();
        foreach (var stem in stems.OrderBy(s => s.Length).ThenBy(s => s, StringComparer.Ordinal))
        {
            var root = known.FirstOrDefault(r => r.Length >= 4 && stem.StartsWith(r, StringComparison.Ordinal));
            if (root is null) known.Add(stem);
            roots[stem] = root ?? stem;
        }
        return roots;
    }

    /// <summary>The word as written, without a possessive "'s".</summary>
    private static string Surface(string text, Token t)
    {
        var s = text[t.Start..t.End];
        foreach (var suffix in new[] { "'s", "’s", "'", "’" })
            if (s.Length > suffix.Length + 1 && s.EndsWith(suffix, StringComparison.Ordinal)) return s[..^suffix.Length];
        return s;
    }

    /// <summary>Whether the token is the sentence's first word (after any opening quotes or brackets).</summary>
    private static bool IsInitial(string text, Token t)
    {
        for (var i = 0; i < t.Start; i++)
            if (char.IsLetterOrDigit(text[i])) return false;
        return true;
    }
}
