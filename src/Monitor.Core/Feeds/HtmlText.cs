// Hand-written: AngleSharp (parse and text walk alone) took 1.8–2.8× longer per real feed title or summary (8.5–13.8 µs against 4.7–5.0 µs) and 6.2 s against 16 ms on 256 KiB of nested <div>s (measured 2026-12-02).
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Monitor.Core.Feeds.Parsing;

namespace Monitor.Core.Feeds;

/// <summary>Turns the HTML that feeds put in titles and summaries into plain, single-spaced text.</summary>
public static partial class HtmlText
{
    /// <summary>
    /// Only the start of a longer text is cleaned up: what is kept is at most a few thousand characters, and real
    /// summaries with inline styles or scripts before their text stay far below it.
    /// </summary>
    public const int MaxInputLength = 256 * 1024;

    public static string ToPlainText(string? html, int maxLength = 4000)
    {
        if (string.IsNullOrEmpty(html)) return "";
        ParseBudget.Check();
        if (html.Length > MaxInputLength) html = html[..MaxInputLength];
        var text = CData().Replace(html, "$1");
        text = Strip(text, AnyTag());
        // Feeds escape twice ("&amp;amp;", "&amp;lt;p&amp;gt;"): decode at most twice, and drop the HTML tags a
        // decode reveals. Only known tag names go, so text that merely mentions "<blink>" keeps it.
        for (var i = 0; i < 2 && text.Contains('&'); i++)
        {
            text = WebUtility.HtmlDecode(text);
            if (text.Contains('<')) text = Strip(text, KnownTag());
        }
        text = Invisible().Replace(RemapC1(text), "");
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= maxLength ? text : Cut(text, maxLength) + "…";
    }

    private static string Strip(string text, Regex tags) => tags.Replace(BlockTag().Replace(Hidden().Replace(text, " "), " "), "");

    /// <summary>C1 controls in text are windows-1252 read as Latin-1 (or "&amp;#146;"): ’ “ ” – — €…</summary>
    private static string RemapC1(string text)
    {
        if (!text.Any(c => c is >= '\u0080' and <= '\u009F')) return text;
        var result = new StringBuilder(text.Length);
        foreach (var c in text) result.Append(c is >= '\u0080' and <= '\u009F' ? (char)CharacterReference.HtmlRemap(c) : c);
        return result.ToString();
    }

    /// <summary>Cuts at <paramref name="max"/> without splitting a surrogate pair, preferring a word boundary close by.</summary>
    private static string Cut(string text, int max)
    {
        var cut = char.IsLowSurrogate(text[max]) ? max - 1 : max;
        var space = text.LastIndexOf(' ', cut - 1, Math.Min(cut, 20));
        return text[..(space > 0 ? space : cut)].TrimEnd();
    }

    [GeneratedRegex(@"<!\[CDATA\[(.*?)(?:\]\]>|$)", RegexOptions.Singleline)]
    private static partial Regex CData();

    /// <summary>Elements whose content is not text a reader sees (an unclosed one runs to the end), and comments.</summary>
    [GeneratedRegex(@"<(script|style|noscript|template|head|iframe|object|svg|math)\b[^<>]*>.*?(</\1\s*>|$)|<!--.*?(-->|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"</?(p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|tfoot|caption|blockquote|pre|figure|figcaption|section|article|header|footer|nav|aside|main|address|details|summary|center|img)\b[^<>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    /// <summary>A tag: '&lt;' then a name, '/', '!' or '?' ("a &lt; b" is text, not a tag).</summary>
    [GeneratedRegex(@"<[/!?]?[A-Za-z][^<>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"</?(a|abbr|b|big|blockquote|br|cite|code|del|div|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|td|th|tr|tt|u|ul|figure|figcaption|iframe|script|style|video|audio|source|picture)\b[^<>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex KnownTag();

    /// <summary>
    /// Characters with no visible width that only get in the way of matching (soft hyphen, BOM, controls), and the
    /// bidirectional embeddings, overrides and isolates that would turn text around where it is shown.
    /// </summary>
    [GeneratedRegex(@"[\u00AD\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex Invisible();

    [GeneratedRegex(@"[\s\u00A0\u200B\u2028\u2029\u3000]+")]
    private static partial Regex Whitespace();
}
