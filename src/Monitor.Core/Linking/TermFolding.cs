using System.Globalization;
using System.Text;

namespace Monitor.Core.Linking;

/// <summary>A word of an item as the multilingual matcher sees it: folded, and where it stands in the text.</summary>
public readonly record struct FoldedToken(string Text, int Start, int End);

/// <summary>
/// Splits any script into words and folds them so that spellings meet however they are typed: lower case,
/// accents and dots dropped (ə→e, ı/İ→i, ş→s, é→e, ё→е, Arabic ي/ك → Persian ی/ک), Arabic vowel marks,
/// tatweel and the zero-width non-joiner removed (Persian writes suffixes after a ZWNJ, so "ارمنستان‌ها"
/// becomes one word that starts with "ارمنستان"). Apostrophes split words ("Azerbaycan'ın").
/// The same folding is applied to the spellings of the claims file and to the items, so it is independent
/// of the item's language.
/// </summary>
public static class TermFolding
{
    private const int TableSize = 0x3000;
    private static readonly char[] Table = BuildTable();

    public static List<FoldedToken> Tokenise(string text)
    {
        var tokens = new List<FoldedToken>(text.Length / 6 + 4);
        var buffer = new StringBuilder(32);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var folded = Fold(c);
            if (folded == '\0') continue; // removed, not a break (marks, ZWNJ, tatweel)
            if (char.IsLetterOrDigit(folded))
            {
                if (start < 0) start = i;
                buffer.Append(folded);
                continue;
            }
            if (start >= 0)
            {
                tokens.Add(new FoldedToken(buffer.ToString(), start, i));
                buffer.Clear();
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>The folded words of a spelling, e.g. "Нагорный Карабах" → ["нагорныи", "карабах"].</summary>
    public static string[] Words(string text) => Tokenise(text).Select(t => t.Text).ToArray();

    /// <summary>Folds one word (used on stems the language analyzers return).</summary>
    public static string FoldWord(string word)
    {
        var b = new StringBuilder(word.Length);
        foreach (var c in word) if (Fold(c) is var f and not '\0' && char.IsLetterOrDigit(f)) b.Append(f);
        return b.ToString();
    }

    private static char Fold(char c)
    {
        if (c < 128) return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        return c < TableSize ? Table[c] : char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ';
    }

    private static char[] BuildTable()
    {
        var table = new char[TableSize];
        for (var i = 0; i < TableSize; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c)) { table[i] = ' '; continue; }
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                table[i] = '\0';
                continue;
            }
            if (!char.IsLetterOrDigit(c)) { table[i] = ' '; continue; }
            var lower = char.ToLowerInvariant(c);
            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            table[i] = char.IsLetter(decomposed[0]) || char.IsDigit(decomposed[0]) ? decomposed[0] : lower;
        }
        table['ə'] = 'e'; table['Ə'] = 'e';
        table['ı'] = 'i'; table['İ'] = 'i';
        table['ß'] = 's';
        table['ø'] = 'o'; table['Ø'] = 'o';
        table['ł'] = 'l'; table['Ł'] = 'l';
        table['đ'] = 'd'; table['Đ'] = 'd';
        table['æ'] = 'a'; table['œ'] = 'o';
        table['ي'] = 'ی'; table['ى'] = 'ی'; table['ك'] = 'ک'; table['ة'] = 'ه';
        table['أ'] = 'ا'; table['إ'] = 'ا'; table['آ'] = 'ا'; table['ٱ'] = 'ا';
        table['\u0640'] = '\0'; // tatweel
        table['\u200C'] = '\0'; // zero-width non-joiner
        table['\u200D'] = '\0';
        table['\u00AD'] = '\0'; // soft hyphen
        table['\u06F0'] = '0'; // Persian digits read as digits
        for (var d = 0; d < 10; d++) { table[0x06F0 + d] = (char)('0' + d); table[0x0660 + d] = (char)('0' + d); }
        table['\''] = ' '; table['’'] = ' ';
        return table;
    }
}
