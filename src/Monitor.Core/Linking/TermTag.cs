using System.Text.RegularExpressions;

namespace Monitor.Core.Linking;

/// <summary>
/// A term of a claims file names its language with a tag: "ru:Армения", "az:Ermənistan". A term without a
/// tag is English and is stemmed by Lucene's English analyzer; a tagged term is a spelling, matched by
/// <see cref="SpellingStemmer"/>. Tags are ISO 639-1 codes (two or three lower-case letters).
/// </summary>
public static partial class TermTag
{
    public const string English = "en";

    public static (string Lang, string Text) Split(string term)
    {
        var m = Tagged().Match(term);
        return m.Success ? (m.Groups[1].Value, m.Groups[2].Value) : (English, term);
    }

    public static bool IsLanguage(string code) => Code().IsMatch(code);

    /// <summary>How a found term is shown: English terms as written, spellings with their language, "Армения (ru)".</summary>
    public static string Show(string term) => Split(term) is var (lang, text) && lang != English ? $"{text} ({lang})" : term;

    [GeneratedRegex(@"^([a-z]{2,3}):(\S.*)$")]
    private static partial Regex Tagged();

    [GeneratedRegex(@"^[a-z]{2,3}$")]
    private static partial Regex Code();
}
