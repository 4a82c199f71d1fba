using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Monitor.Core.Linking;

/// <summary>
/// How a word of a non-English spelling is found in items: as the folded stem its language's Lucene
/// analyzer gives (Russian, Armenian, Turkish, German, French, Spanish, Italian, Portuguese, Arabic, Greek
/// Snowball or light stemmers; Persian normalisation) followed by at most a few more letters, so that
/// "Армения" also finds "Армении", "Armenien" "Armeniens", "Ermənistan" "Ermənistanın". Agglutinative
/// Azerbaijani and Turkish allow the longest endings; German only three, so "Frieden" does not find "Friedrich". Used when the claims file is compiled, never per item.
/// </summary>
public static class SpellingStemmer
{
    /// <summary>Stems shorter than this are matched exactly: "мир" (peace) must not find "мировой" (world).</summary>
    public const int MinPrefix = 4;

    /// <summary>
    /// Stems shorter than this, from which the stemmer stripped less than two letters, take at most
    /// <see cref="ShortEnding"/> more letters: "Иран" finds "Ирана" but French "armes" must not find "Arménie", nor Turkish "Azeri" "Azerbaycan".
    /// </summary>
    public const int LongStem = 5;

    public const int ShortEnding = 2;

    private static readonly Dictionary<string, Func<Analyzer>> Analyzers = new()
    {
        ["ru"] = () => new Lucene.Net.Analysis.Ru.RussianAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
        ["hy"] = () => new Lucene.Net.Analysis.Hy.ArmenianAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
        ["tr"] = () => new Lucene.Net.Analysis.Tr.TurkishAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
        ["de"] = () => new Lucene.Net.Analysis.De.GermanAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
        ["fr"] = () => new Lucene.Net.Analysis.Fr.FrenchAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
        ["es"] = () => new Lucene.Net.Analysis.Es.SpanishAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
        ["it"] = () => new Lucene.Net.Analysis.It.ItalianAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
        ["pt"] = () => new Lucene.Net.Analysis.Pt.PortugueseAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
        ["ar"] = () => new Lucene.Net.Analysis.Ar.ArabicAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
        ["el"] = () => new Lucene.Net.Analysis.El.GreekAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
        ["fa"] = () => new Lucene.Net.Analysis.Fa.PersianAnalyzer(LuceneVersion.LUCENE_48, CharArraySet.Empty),
    };

    /// <summary>Letters an inflected or suffixed form may add after the stem, by language.</summary>
    private static int MaxEnding(string lang) => lang switch
    {
        "tr" or "az" => 7,
        "hy" or "fa" => 5,
        "ru" or "uk" or "pl" or "ka" or "bg" => 4,
        _ => 3,
    };

    /// <summary>The languages whose spellings are stemmed by a Lucene analyzer; the others are matched by their written form.</summary>
    public static IEnumerable<string> StemmedLanguages => Analyzers.Keys;

    /// <summary>The prefix to look for and how many letters may follow it, for one folded word of a spelling.</summary>
    public static (string Prefix, int MaxEnding) Of(string lang, string word, bool stem)
    {
        var foldedWord = TermFolding.FoldWord(word);
        if (!stem) return (foldedWord, 0);
        var stemmed = Stem(lang, word.ToLowerInvariant()) is { Length: > 0 } s ? TermFolding.FoldWord(s) : foldedWord;
        var common = 0;
        while (common < stemmed.Length && common < foldedWord.Length && stemmed[common] == foldedWord[common]) common++;
        var prefix = foldedWord[..common];
        if (prefix.Length < MinPrefix) return (foldedWord, 0);
        // A short stem its stemmer hardly touched ("Иран", "armes" → "arme") is likely a name or a short word:
        // few endings. One the stemmer cut an inflection from ("мирный" → "мирн") inflects like its class.
        var stripped = foldedWord.Length - prefix.Length;
        var ending = prefix.Length < LongStem && stripped < 2 ? ShortEnding : MaxEnding(lang);
        return (prefix, Math.Max(stripped, ending));
    }

    private static readonly Dictionary<string, Analyzer> Built = new();

    private static string? Stem(string lang, string word)
    {
        Analyzer? analyzer;
        lock (Built)
        {
            if (!Built.TryGetValue(lang, out analyzer))
            {
                if (!Analyzers.TryGetValue(lang, out var make)) return null;
                Built[lang] = analyzer = make();
            }
            using var stream = analyzer.GetTokenStream("w", word);
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            var result = stream.IncrementToken() ? term.ToString() : null;
            stream.End();
            return result;
        }
    }
}
