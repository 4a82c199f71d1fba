using System.Collections.Concurrent;
using System.Net;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>HTML's named character references (&amp;nbsp;, &amp;eacute;, &amp;mdash;…), which XML does not know.</summary>
internal static class HtmlEntities
{
    private static readonly ConcurrentDictionary<string, string?> Known = new(StringComparer.Ordinal);

    public static bool IsXmlPredefined(string name) => name is "amp" or "lt" or "gt" or "quot" or "apos";

    /// <summary>The characters an HTML entity stands for, or null when HTML has no entity of that name.</summary>
    public static string? Resolve(string name) => Known.GetOrAdd(name, static n =>
    {
        // WebUtility knows the HTML 4 set (253 names), which is what feeds use.
        var reference = "&" + n + ";";
        var decoded = WebUtility.HtmlDecode(reference);
        return decoded == reference ? null : decoded;
    });
}
