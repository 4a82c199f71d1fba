namespace Monitor.Core.Articles.Extraction;

/// <summary>
/// How deep a page's elements nest, estimated in one linear scan of its tags, before a recursive HTML parser
/// (AngleSharp, under SmartReader) walks it: 100,000 nested &lt;div&gt;s overflow its stack and kill the process,
/// which no catch can stop. Elements HTML closes by themselves (a new &lt;p&gt; closes the last) do not add depth.
/// </summary>
internal static class HtmlDepth
{
    /// <summary>Real pages nest a few dozen levels, the worst a few hundred.</summary>
    public const int Max = 1000;

    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "!doctype",
    };

    private static readonly HashSet<string> ClosesSibling = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot",
    };

    /// <summary>Whether the page nests deeper than <paramref name="max"/> levels.</summary>
    public static bool Exceeds(string html, int max = Max)
    {
        var open = new List<string>();
        for (var i = html.IndexOf('<'); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var end = start;
            while (end < html.Length && (char.IsAsciiLetterOrDigit(html[end]) || html[end] is '!' or '-' or ':')) end++;
            if (end == start) continue;
            var name = html[start..end];
            if (name.StartsWith("!--", StringComparison.Ordinal)) continue;
            if (closing)
            {
                var k = open.FindLastIndex(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
                // Bounded search: an end tag matching nothing near the top is stray.
                if (k >= 0 && open.Count - k <= 64) open.RemoveRange(k, open.Count - k);
                continue;
            }
            if (Void.Contains(name)) continue;
            if (ClosesSibling.Contains(name) && open.Count > 0 && open[^1].Equals(name, StringComparison.OrdinalIgnoreCase)) open.RemoveAt(open.Count - 1);
            open.Add(name);
            if (open.Count > max) return true;
        }
        return false;
    }
}
