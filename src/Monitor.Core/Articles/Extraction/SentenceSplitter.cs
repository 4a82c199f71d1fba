using System.Text.RegularExpressions;

namespace Monitor.Core.Articles.Extraction;

/// <summary>
/// One sentence of the article: where it stands (so the claim can quote it verbatim) and whether it is a
/// heading (a line of its own without closing punctuation).
/// </summary>
public sealed record Sentence(int Index, int Paragraph, int Start, string Text, bool IsHeading);

/// <summary>
/// Splits article text into sentences. Every line break ends a sentence; inside a line, '.', '!', '?' and '…'
/// (with any closing quotes) end one when a capital, digit or opening quote follows, except after titles
/// ("Mr.", "Dr."), months ("Sept."), initials ("J. Smith") and dotted acronyms ("U.S.") followed by a name.
/// </summary>
public static partial class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "maj", "sgt", "capt", "cmdr", "adm", "gov", "sen",
        "rep", "rev", "hon", "pres", "amb", "sec", "dept", "inc", "ltd", "co", "corp", "bros", "vs", "etc", "no", "nos", "vol",
        "fig", "approx", "est", "mt", "ft", "ave", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    // Words that start a new sentence after a dotted acronym ("... in the U.S. The next day ...").
    private static readonly HashSet<string> SentenceOpeners = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "It", "Its", "This", "That", "These", "Those", "He", "She", "They", "We", "I", "You", "But", "And",
        "In", "On", "At", "As", "However", "Meanwhile", "Yet", "So", "If", "When", "While", "There", "Their", "His", "Her",
    };

    public static IReadOnlyList<Sentence> Split(string text)
    {
        var sentences = new List<Sentence>();
        var paragraph = 0;
        foreach (Match line in Line().Matches(text))
        {
            var start = line.Index;
            var end = line.Index + line.Length;
            var before = sentences.Count;
            var from = start;
            foreach (Match m in Boundary().Matches(text, start))
            {
                if (m.Index >= end) break;
                var cut = m.Groups["end"].Index + m.Groups["end"].Length;
                if (!EndsSentence(text, from, m)) continue;
                Add(sentences, text, from, cut, paragraph, heading: false);
                from = m.Index + m.Length;
            }
            if (from < end)
            {
                var rest = text[from..end].TrimEnd();
                var single = sentences.Count == before;
                // A line of its own that does not end like a sentence is a heading (or a caption).
                var heading = single && rest.Length > 0 && !ClosingPunctuation().IsMatch(rest);
                Add(sentences, text, from, end, paragraph, heading);
            }
            if (sentences.Count > before) paragraph++;
        }
        return sentences;
    }

    private static void Add(List<Sentence> sentences, string text, int from, int to, int paragraph, bool heading)
    {
        while (from < to && char.IsWhiteSpace(text[from])) from++;
        while (to > from && char.IsWhiteSpace(text[to - 1])) to--;
        if (to > from) sentences.Add(new Sentence(sentences.Count, paragraph, from, text[from..to], heading));
    }

    /// <summary>Whether the punctuation matched at <paramref name="m"/> really ends the sentence that began at <paramref name="from"/>.</summary>
    private static bool EndsSentence(string text, int from, Match m)
    {
        var mark = m.Groups["mark"].Value;
        if (mark != ".") return true;
        var word = WordBefore(text, from, m.Groups["mark"].Index);
        var next = NextWord(text, m.Index + m.Length);
        if (word.Length == 0) return true;
        if (word.Contains('.'))                       // "U.S.", "e.g.": a sentence ends there only before an opener
            return SentenceOpeners.Contains(next);
        if (word.Length == 1 && char.IsUpper(word[0])) // an initial: "J. Smith"
            return false;
        return !Abbreviations.Contains(word);
    }

    private static string WordBefore(string text, int from, int dot)
    {
        var i = dot;
        while (i > from && (char.IsLetter(text[i - 1]) || text[i - 1] == '.')) i--;
        return text[i..dot];
    }

    private static string NextWord(string text, int at)
    {
        while (at < text.Length && !char.IsLetterOrDigit(text[at])) at++;
        var end = at;
        while (end < text.Length && char.IsLetter(text[end])) end++;
        return text[at..end];
    }

    [GeneratedRegex(@"[^\r\n]+")]
    private static partial Regex Line();

    // End mark, closing quotes/brackets, spaces, then what opens the next sentence (not consumed).
    [GeneratedRegex(@"(?<end>(?<mark>[.!?…]|\.{3})[""”’')\]]*)[ \t\u00A0]+(?=[""“‘'(\[]?[\p{Lu}\d])")]
    private static partial Regex Boundary();

    [GeneratedRegex(@"[.!?…:;][""”’')\]]*$")]
    private static partial Regex ClosingPunctuation();
}
