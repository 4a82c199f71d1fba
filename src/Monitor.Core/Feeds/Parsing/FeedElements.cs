using System.Text;
using System.Xml.Linq;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>Reads what FeedReader's model leaves out or flattens from the parsed elements.</summary>
internal static class FeedElements
{
    /// <summary>The first child with a non-blank value among <paramref name="localNames"/>, tried in order, any namespace.</summary>
    public static XElement? Child(XElement? parent, params string[] localNames)
    {
        if (parent is null) return null;
        foreach (var name in localNames)
            foreach (var child in parent.Elements())
                if (child.Name.LocalName == name && !string.IsNullOrWhiteSpace(child.Value)) return child;
        return null;
    }

    public static string? ChildText(XElement? parent, params string[] localNames) => Child(parent, localNames)?.Value.Trim();

    /// <summary>The href of an Atom-style link child (&lt;atom:link&gt;, &lt;a10:link&gt;) that is the alternate, not self or hub.</summary>
    public static string? AtomLink(XElement? parent) =>
        parent?.Elements()
            .Where(e => e.Name.LocalName == "link" && e.Attribute("href") is not null)
            .FirstOrDefault(e => ((string?)e.Attribute("rel"))?.Trim() is null or "" or "alternate")
            ?.Attribute("href")!.Value.Trim();

    /// <summary>
    /// An Atom text construct (title, summary, content, Atom 0.3's mode) as HTML: "text" is escaped, "html" is
    /// taken as is, "xhtml" and inline XML are serialised, base64 is decoded.
    /// </summary>
    public static string? AtomHtml(XElement? e)
    {
        if (e is null) return null;
        var type = ((string?)e.Attribute("type"))?.Trim().ToLowerInvariant() ?? "text";
        var mode = ((string?)e.Attribute("mode"))?.Trim().ToLowerInvariant();
        if (mode == "base64") return FromBase64(e.Value);
        if (type is "xhtml" or "application/xhtml+xml" || mode == "xml" || (e.HasElements && type is not ("html" or "text/html")))
        {
            var container = e.Elements().Count() == 1 && e.Elements().Single().Name.LocalName == "div" && !e.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value))
                ? e.Elements().Single()
                : e;
            return string.Concat(container.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting))).Trim();
        }
        if (type is "html" or "text/html" || mode == "escaped") return e.Value.Trim();
        return EscapeText(e.Value.Trim());
    }

    /// <summary>Plain text made safe to read as HTML: only '&amp;', '&lt;' and '&gt;' need escaping.</summary>
    public static string EscapeText(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A link resolved against the xml:base in effect at <paramref name="at"/>; unchanged when there is none.</summary>
    public static string? ResolveBase(string? link, XElement? at)
    {
        if (string.IsNullOrWhiteSpace(link) || at is null) return link;
        link = link.Trim();
        if (Uri.TryCreate(link, UriKind.Absolute, out var absolute) && absolute.Scheme != "file") return link;
        return BaseOf(at) is { } baseUri && Uri.TryCreate(baseUri, link, out var resolved) ? resolved.ToString() : link;
    }

    private static Uri? BaseOf(XElement e)
    {
        Uri? result = null;
        foreach (var element in e.AncestorsAndSelf().Reverse())
        {
            var value = ((string?)element.Attribute(XNamespace.Xml + "base"))?.Trim();
            if (string.IsNullOrEmpty(value)) continue;
            if (Uri.TryCreate(value, UriKind.Absolute, out var abs) && abs.Scheme is "http" or "https") result = abs;
            else if (result is not null && Uri.TryCreate(result, value, out var rel)) result = rel;
        }
        return result;
    }

    private static string? FromBase64(string value)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim())); }
        catch (FormatException) { return value; }
    }
}
