using System.Net;
using System.Text.RegularExpressions;

namespace Monitor.Core.Feeds;

/// <summary>Turns the HTML that feeds put in titles and summaries into plain, single-spaced text.</summary>
public static partial class HtmlText
{
    public static string ToPlainText(string? html, int maxLength = 4000)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var text = Invisible().Replace(html, " ");
        text = BlockTag().Replace(text, " ");
        text = AnyTag().Replace(text, "");
        // Entities may be escaped twice in feeds ("&amp;amp;"); decode until stable, at most twice.
        for (var i = 0; i < 2 && text.Contains('&'); i++) text = WebUtility.HtmlDecode(text);
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length <= maxLength ? text : text[..maxLength].TrimEnd() + "…";
    }

    [GeneratedRegex(@"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"</?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|blockquote|section|article|header|footer)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"[\s\u00A0\u200B]+")]
    private static partial Regex Whitespace();
}
