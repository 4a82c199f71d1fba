using Monitor.Core.Linking;

namespace Monitor.Core.Articles.Extraction;

/// <summary>
/// Writes match rules from the article's own words. Names become term groups ("@iran": Iran, Iranian…) so one
/// edit fixes every rule that uses them. A topic needs one of its main names and one of its salient terms; a
/// claim needs one of its 1-2 rarest names and two of its other words.
/// </summary>
internal sealed class RuleBuilder(ArticleTerms terms, TextAnalysis analysis)
{
    public const int MaxAnyTerms = 8;

    private readonly Dictionary<string, string> _groupByConcept = new();
    private readonly Dictionary<string, IReadOnlyList<string>> _groups = new(StringComparer.Ordinal);
    private readonly HashSet<string> _groupNames = new(StringComparer.Ordinal);

    /// <summary>The term groups the rules made so far use, by name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups => _groups;

    /// <summary>
    /// A topic needs one of its names and one of its salient terms (two terms when a claim names nothing).
    /// Names are taken by salience until each of the topic's claims has one, and terms until each has enough,
    /// so every claim's own sentence passes its topic's rule.
    /// </summary>
    public RuleDraft ForTopic(IReadOnlyList<string> salient, IReadOnlyList<SentenceTerms> members)
    {
        var usable = salient.Where(Matchable).ToList();
        var claims = members.Select(m => m.Concepts.Where(Matchable).ToHashSet()).ToList();
        var names = new List<string>();
        if (claims.All(c => c.Any(IsEntity)))
            foreach (var name in usable.Where(IsEntity))
            {
                if (claims.All(c => c.Overlaps(names))) break;
                if (claims.Any(c => !c.Overlaps(names) && c.Contains(name))) names.Add(name);
            }

        var pool = usable.Where(c => !names.Contains(c)).ToList();
        var any = pool.Take(MaxAnyTerms).ToList();
        var minAny = names.Count > 0 ? 1 : 2;
        foreach (var claim in claims)
            any.AddRange(pool.Where(c => claim.Contains(c) && !any.Contains(c)).Take(Math.Max(0, minAny - claim.Count(any.Contains))));
        if (claims.Count > 0) minAny = Math.Min(minAny, claims.Min(c => c.Count(any.Contains)));

        var all = names.Count == 0 ? [] : new List<IReadOnlyList<string>> { names.Select(Term).ToList() };
        return new RuleDraft(all, any.Select(Term).ToList(), minAny);
    }

    public RuleDraft ForClaim(SentenceTerms claim, Func<string, double> weight)
    {
        var concepts = claim.Concepts.Where(Matchable).OrderByDescending(weight).ThenBy(c => c, StringComparer.Ordinal).ToList();
        // "Putin" rather than "Vladimir": a first name or qualifier yields to the name it stands before.
        var names = concepts.Where(c => IsEntity(c) && !(terms.Qualifies(c) is { } main && concepts.Contains(main))).Take(2).ToList();
        var any = concepts.Where(c => !names.Contains(c)).Take(MaxAnyTerms).Select(Term).ToList();
        var minAny = Math.Min(2, any.Count);
        return names.Count == 0
            ? new RuleDraft([], any, minAny)
            : new RuleDraft([names.Select(Term).ToList()], any, minAny);
    }

    private static bool IsEntity(string concept) => concept.StartsWith('@');

    /// <summary>
    /// A concept worth a rule term: one the matcher can find (not a stop word, not "US", which stems to "us"
    /// like "use"), and for a plain word one with meaning of its own (not an adverb, a contraction or a prefix).
    /// </summary>
    private bool Matchable(string concept) => terms.Forms(concept).Any(f => Usable(f, IsEntity(concept)));

    private bool Usable(string form, bool isName)
    {
        var stems = analysis.Stems(form);
        if (stems.Length == 0 || stems.Contains("us")) return false;
        if (isName) return true;
        return stems.Length == 1 && stems[0].Length >= 3 && !form.Contains('’') && !form.Contains('\'')
            && !form.EndsWith("ly", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>How a concept is written in a rule: a name by its term group, a word by its commonest spelling.</summary>
    private string Term(string concept)
    {
        if (!IsEntity(concept)) return terms.Forms(concept).First(f => Usable(f, false)).ToLowerInvariant();
        if (_groupByConcept.TryGetValue(concept, out var name)) return "@" + name;
        var slug = Slug.From(terms.Display(concept));
        name = Slug.Unique(slug.Length == 0 ? "name" : slug, _groupNames);
        _groupByConcept[concept] = name;
        _groups[name] = terms.Forms(concept).Where(f => Usable(f, true)).ToList();
        return "@" + name;
    }
}
