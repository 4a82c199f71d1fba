using System.Text;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>A body ready for CodeHollow.FeedReader: UTF-8, declared as such, repaired; plus how it was read.</summary>
internal sealed record PreparedBody(byte[] Utf8, string Encoding, IReadOnlyList<string> Repairs, string? RootName)
{
    public bool IsJson => RootName is null;
}

/// <summary>
/// Decodes a body with the encoding it really has (<see cref="BodyDecoder"/>), fixes what a strict XML parser
/// rejects (<see cref="XmlRepairer"/>) and re-encodes it as UTF-8, so FeedReader never guesses an encoding.
/// </summary>
internal static class FeedBodyPreparer
{
    /// <exception cref="FeedFormatException">The body is empty, not XML or JSON, or abuses DOCTYPE entities.</exception>
    public static PreparedBody Prepare(byte[] body, string? contentType)
    {
        var decoded = BodyDecoder.Decode(body, contentType);
        var text = decoded.Text;
        var first = text.AsSpan().IndexOfAnyExcept(" \t\r\n\0\uFEFF");
        if (first < 0) throw new FeedFormatException("empty body");
        var encoding = Charsets.NameOf(decoded.Encoding);
        if (text[first] is '{' or '[')
            return new PreparedBody(Encoding.UTF8.GetBytes(text[first..]), encoding, decoded.Repairs, null);
        var xml = XmlRepairer.Repair(text);
        var document = xml.Xml;
        // FeedReader requires a <channel> in RSS and RDF; a document without one is an empty feed, not a broken one.
        if (XmlRepairer.LocalName(xml.RootName).ToLowerInvariant() is "rss" or "rdf" && !xml.RootChildren.Contains("channel"))
            document = WithEmptyChannel(document, xml.RootName);
        return new PreparedBody(Encoding.UTF8.GetBytes(document), encoding, [.. decoded.Repairs, .. xml.Repairs], xml.RootName);
    }

    private static string WithEmptyChannel(string xml, string root) =>
        xml.EndsWith("/>", StringComparison.Ordinal)
            ? xml[..^2] + "><channel/></" + root + ">"
            : xml.Insert(xml.LastIndexOf("</", StringComparison.Ordinal), "<channel/>");
}
