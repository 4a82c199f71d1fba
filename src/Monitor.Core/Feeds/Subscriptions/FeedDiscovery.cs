using System.Net;
using System.Text.RegularExpressions;

namespace Monitor.Core.Feeds.Subscriptions;

/// <summary>
/// Finds the feeds an HTML page announces: &lt;link rel="alternate" type="application/rss+xml" href="…"&gt; and
/// the Atom and JSON Feed equivalents. A tag scan, not an HTML parser: link tags are simple, and only the head
/// matters. Relative hrefs are resolved against &lt;base href&gt; or else the page's URL.
/// </summary>
public static partial class FeedDiscovery
{
    private static readonly HashSet<string> FeedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
    };

    public static IReadOnlyList<FeedSource> Discover(string html, Uri pageUrl)
    {
        html = Comment().Replace(html, " ");
        var baseUrl = pageUrl;
        if (Tag("base", html).Select(a => a.GetValueOrDefault("href")).FirstOrDefault(h => !string.IsNullOrWhiteSpace(h)) is { } b
            && Uri.TryCreate(pageUrl, b.Trim(), out var resolvedBase))
            baseUrl = resolvedBase;

        var feeds = new List<FeedSource>();
        foreach (var link in Tag("link", html))
        {
            var rel = link.GetValueOrDefault("rel") ?? "";
            if (!rel.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Contains("alternate", StringComparer.OrdinalIgnoreCase)) continue;
            var type = (link.GetValueOrDefault("type") ?? "").Split(';')[0].Trim();
            if (!FeedTypes.Contains(type)) continue;
            var href = link.GetValueOrDefault("href")?.Trim();
            if (string.IsNullOrEmpty(href) || !Uri.TryCreate(baseUrl, href, out var url) || url.Scheme is not ("http" or "https")) continue;
            var title = link.GetValueOrDefault("title")?.Trim();
            feeds.Add(new FeedSource(url.AbsoluteUri, string.IsNullOrEmpty(title) ? null : title));
        }
        return feeds.DistinctBy(f => f.Url).ToList();
    }

    /// <summary>Whether a body that is not a feed is an HTML page, worth scanning for feed links.</summary>
    public static bool LooksLikeHtml(string? contentType, ReadOnlySpan<char> body)
    {
        if (contentType is not null && (contentType.Contains("text/html", StringComparison.OrdinalIgnoreCase)
                                        || contentType.Contains("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)))
            return true;
        var start = body.TrimStart();
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The attributes of every &lt;name …&gt; tag, names lower-cased, values entity-decoded.</summary>
    private static IEnumerable<Dictionary<string, string>> Tag(string name, string html)
    {
        foreach (Match tag in TagPattern().Matches(html))
        {
            if (!tag.Groups["name"].Value.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match a in Attribute().Matches(tag.Groups["attrs"].Value))
            {
                var value = a.Groups["dq"].Success ? a.Groups["dq"].Value : a.Groups["sq"].Success ? a.Groups["sq"].Value : a.Groups["bare"].Value;
                attributes.TryAdd(a.Groups["key"].Value, WebUtility.HtmlDecode(value));
            }
            yield return attributes;
        }
    }

    [GeneratedRegex(@"<!--.*?(?:-->|$)", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<(?<name>link|base)\b(?<attrs>[^<>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"(?<key>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s""'=<>`]+))")]
    private static partial Regex Attribute();
}
