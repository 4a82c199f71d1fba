using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using Monitor.Core.Feeds.Parsing;
using static Monitor.Core.Feeds.Parsing.FeedElements;

namespace Monitor.Core.Feeds;

/// <summary>
/// Parses RSS 0.9x/1.0/2.0, Atom (1.0 and 0.3) and JSON Feed bodies with CodeHollow.FeedReader, after reading
/// the body with its real encoding and repairing what real feeds get wrong (see <see cref="FeedBodyPreparer"/>).
/// </summary>
public static class FeedParser
{
    /// <exception cref="FeedFormatException">The body is not a feed this parser can read.</exception>
    public static ParsedFeed Parse(byte[] body) => Parse(body, null);

    /// <param name="body">The response body as received.</param>
    /// <param name="contentType">The response's Content-Type header, whose charset is trusted first; null if unknown.</param>
    /// <exception cref="FeedFormatException">The body is not a feed this parser can read; the message is a one-line reason.</exception>
    public static ParsedFeed Parse(byte[] body, string? contentType) => ParseWithModel(body, contentType).Parsed;

    /// <summary>The parse and FeedReader's full model of the same body, for callers (and tests) that need more fields.</summary>
    internal static (ParsedFeed Parsed, Feed Model) ParseWithModel(byte[] body, string? contentType)
    {
        var (feed, prepared) = Read(body, contentType);
        try
        {
            var root = feed.SpecificFeed?.Element;
            var title = feed.SpecificFeed is AtomFeed ? AtomHtml(Child(root, "title")) ?? feed.Title : feed.Title;
            if (Blank(title)) title = ChildText(root, "title"); // dc:title
            var items = feed.Items.Select(ToParsedItem).ToList();
            var link = Blank(feed.Link) ? AtomLink(root) : feed.Link;
            return (new ParsedFeed(title, ResolveBase(link, root), items) { Repairs = prepared.Repairs, Encoding = prepared.Encoding }, feed);
        }
        catch (Exception e) when (e is not (FeedFormatException or OutOfMemoryException))
        {
            throw new FeedFormatException(OneLine($"unreadable feed: {e.Message}"), e);
        }
    }

    private static (Feed Feed, PreparedBody Body) Read(byte[] body, string? contentType)
    {
        if (body.Length == 0) throw new FeedFormatException("empty body");
        PreparedBody prepared;
        try
        {
            prepared = FeedBodyPreparer.Prepare(body, contentType);
        }
        catch (Exception e) when (e is not (FeedFormatException or OutOfMemoryException))
        {
            throw new FeedFormatException(OneLine($"unreadable body: {e.Message}"), e);
        }
        try
        {
            return (FeedReader.ReadFromByteArray(prepared.Utf8), prepared);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // FeedReader fails in many ways on odd input (XmlException, NullReference, Format...): all mean "not readable".
            throw new FeedFormatException(Reason(e, prepared), e);
        }
    }

    private static ParsedItem ToParsedItem(CodeHollow.FeedReader.FeedItem item)
    {
        ParseBudget.Check();
        var element = item.SpecificItem?.Element;
        string? guid = item.Id, link = item.Link, title = item.Title, summary = item.Description, source = null;
        string? date = item.PublishingDateString;
        switch (item.SpecificItem)
        {
            case AtomFeedItem atom:
                title = AtomHtml(Child(element, "title")) ?? title;
                summary = AtomHtml(Child(element, "summary")) ?? AtomHtml(Child(element, "content")) ?? summary;
                date = ChildText(element, "published", "issued", "updated", "modified", "created") ?? date;
                guid = atom.Id;
                break;
            case JsonFeedItem json:
                summary = json.Summary ?? json.ContentText ?? json.ContentHtml ?? summary;
                date = json.DatePublishedString ?? json.DateModifiedString ?? date;
                break;
            case Rss10FeedItem rdf:
                guid = Blank(rdf.About) ? guid : rdf.About;
                date = ChildText(element, "date", "issued", "created", "modified") ?? date;
                break;
            default: // RSS 0.9x and 2.0
                if (item.SpecificItem is Rss20FeedItem rss) source = rss.Source?.Value;
                if (Blank(date)) date = ChildText(element, "pubDate", "date", "issued", "created", "modified");
                if (Blank(link)) link = AtomLink(element); // RSS written by .NET's SyndicationFeed uses <a10:link href>
                break;
        }
        // FeedBurner rewrites links to its redirector and keeps the article's own URL here.
        link = ChildText(element, "origLink") ?? link;
        if (Blank(title)) title = ChildText(element, "title"); // dc:title, media:title
        // FeedReader HTML-decodes content:encoded, which turns escaped code ("&lt;html&gt;") into tags; read it raw.
        if (Blank(summary)) summary = ChildText(element, "encoded") ?? item.Content;
        if (Blank(summary)) summary = ChildText(element, "description", "summary"); // dc:description, itunes:summary
        return new ParsedItem(Trimmed(guid), ResolveBase(Trimmed(link), element), title, summary, Trimmed(date), source);
    }

    private static string Reason(Exception e, PreparedBody prepared) => OneLine(e switch
    {
        CodeHollow.FeedReader.Parser.FeedTypeNotSupportedException when prepared.RootName is { } root =>
            $"not a feed: the document is <{root}>, not RSS, Atom or RDF" + (root.Equals("html", StringComparison.OrdinalIgnoreCase) ? " (an HTML page)" : ""),
        CodeHollow.FeedReader.Parser.FeedTypeNotSupportedException => "not a feed: unknown document type",
        System.Text.Json.JsonException j => $"malformed JSON feed: {j.Message}",
        System.Xml.XmlException x => $"malformed XML: {x.Message}",
        NullReferenceException => $"unreadable feed: FeedReader found no part it could read in <{prepared.RootName}>",
        _ => $"unreadable feed: {e.Message}",
    });

    /// <summary>Reasons are stored and shown on one line, so no newline and a bounded length.</summary>
    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    private static bool Blank(string? s) => string.IsNullOrWhiteSpace(s);

    private static string? Trimmed(string? s) => Blank(s) ? null : s!.Trim();
}
