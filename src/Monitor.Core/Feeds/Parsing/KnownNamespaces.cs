namespace Monitor.Core.Feeds.Parsing;

/// <summary>The namespaces feeds use by habitual prefix, for prefixes a feed uses without declaring them.</summary>
internal static class KnownNamespaces
{
    private static readonly Dictionary<string, string> ByPrefix = new(StringComparer.Ordinal)
    {
        ["atom"] = "http://www.w3.org/2005/Atom",
        ["content"] = "http://purl.org/rss/1.0/modules/content/",
        ["dc"] = "http://purl.org/dc/elements/1.1/",
        ["dcterms"] = "http://purl.org/dc/terms/",
        ["feedburner"] = "http://rssnamespace.org/feedburner/ext/1.0",
        ["geo"] = "http://www.w3.org/2003/01/geo/wgs84_pos#",
        ["georss"] = "http://www.georss.org/georss",
        ["googleplay"] = "http://www.google.com/schemas/play-podcasts/1.0",
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["media"] = "http://search.yahoo.com/mrss/",
        ["podcast"] = "https://podcastindex.org/namespace/1.0",
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        ["slash"] = "http://purl.org/rss/1.0/modules/slash/",
        ["sy"] = "http://purl.org/rss/1.0/modules/syndication/",
        ["thr"] = "http://purl.org/syndication/thread/1.0",
        ["wfw"] = "http://wellformedweb.org/CommentAPI/",
        ["xhtml"] = "http://www.w3.org/1999/xhtml",
    };

    private static readonly HashSet<string> Uris = new(ByPrefix.Values, StringComparer.Ordinal);

    private static readonly HashSet<string> RssCore = new(StringComparer.Ordinal)
    {
        "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/", "http://backend.userland.com/rss2",
        "http://backend.userland.com/rss", "http://blogs.law.harvard.edu/tech/rss",
    };

    /// <summary>The namespaces RSS's own elements live in (RSS 0.90, 1.0, and the short-lived 2.0 ones).</summary>
    public static bool IsRssCore(string uri) => RssCore.Contains(uri);

    public static string For(string prefix) => ByPrefix.TryGetValue(prefix, out var uri) ? uri : "urn:x-undeclared-prefix:" + prefix;

    /// <summary>"//search.yahoo.com/mrss/" → "http://search.yahoo.com/mrss/": a protocol-relative spelling of a known namespace.</summary>
    public static string? FixProtocolRelative(string uri) =>
        uri.StartsWith("//", StringComparison.Ordinal) && Uris.Contains("http:" + uri) ? "http:" + uri
        : uri.StartsWith("//", StringComparison.Ordinal) && Uris.Contains("https:" + uri) ? "https:" + uri
        : null;
}
