using System.Xml;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using CodeHollow.FeedReader.Parser;

namespace Monitor.Core.Feeds;

/// <summary>Parses RSS 0.9x/1.0/2.0, Atom and JSON Feed bodies with CodeHollow.FeedReader.</summary>
public static class FeedParser
{
    /// <exception cref="FeedFormatException">The body is not a feed this parser can read.</exception>
    public static ParsedFeed Parse(byte[] body)
    {
        if (body.Length == 0) throw new FeedFormatException("empty body");
        Feed feed;
        try
        {
            feed = FeedReader.ReadFromByteArray(body);
        }
        catch (Exception e) when (e is XmlException or FeedTypeNotSupportedException or InvalidOperationException
                                       or FormatException or ArgumentException or System.Text.Json.JsonException
                                       or NullReferenceException or System.Text.DecoderFallbackException)
        {
            throw new FeedFormatException(Reason(e), e);
        }
        var items = feed.Items.Select(ToParsedItem).ToList();
        return new ParsedFeed(feed.Title, feed.Link, items);
    }

    private static ParsedItem ToParsedItem(CodeHollow.FeedReader.FeedItem item)
    {
        string? guid = item.Id, date = item.PublishingDateString, source = null, summary = item.Description;
        switch (item.SpecificItem)
        {
            case Rss20FeedItem rss:
                source = rss.Source?.Value;
                date ??= rss.DC?.DateString;
                break;
            case AtomFeedItem atom:
                date = atom.PublishedDateString ?? atom.UpdatedDateString ?? date;
                summary = atom.Summary ?? atom.Content ?? summary;
                break;
            case JsonFeedItem json:
                summary = json.Summary ?? json.ContentText ?? json.ContentHtml ?? summary;
                date = json.DatePublishedString ?? json.DateModifiedString ?? date;
                break;
            case Rss10FeedItem rdf:
                date ??= rdf.DC?.DateString;
                break;
        }
        if (string.IsNullOrWhiteSpace(summary)) summary = item.Content;
        return new ParsedItem(guid, item.Link, item.Title, summary, date, source);
    }

    private static string Reason(Exception e) => e switch
    {
        FeedTypeNotSupportedException => "not a feed: unknown document type (an HTML page or another format?)",
        XmlException x => $"malformed XML: {x.Message}",
        _ => $"unreadable feed: {e.Message}",
    };

}

/// <summary>A body that is not a readable feed; the message is the reason recorded on the feed.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
