using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Monitor.Core.Feeds;

/// <summary>Reads and writes lists of feeds: plain text (one URL a line, '#' comments) or OPML.</summary>
public static class FeedList
{
    public static IReadOnlyList<FeedSource> ReadFile(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MonitorInputException($"cannot read feed list '{path}': {e.Message}", e);
        }
        var feeds = LooksLikeXml(text) ? ParseOpml(text, path) : ParseLines(text, path);
        if (feeds.Count == 0) throw new MonitorInputException($"feed list '{path}' names no feed");
        return feeds;
    }

    public static IReadOnlyList<FeedSource> ParseLines(string text, string origin)
    {
        var feeds = new List<FeedSource>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            var hash = line.IndexOf('#');
            if (hash == 0) continue;
            if (hash > 0 && char.IsWhiteSpace(line[hash - 1])) line = line[..hash].Trim();
            if (line.Length == 0) continue;
            if (!TryNormaliseUrl(line, out var url))
                throw new MonitorInputException($"{origin}:{lineNumber}: {InvalidUrl(line)}");
            feeds.Add(new FeedSource(url));
        }
        return Distinct(feeds);
    }

    public static IReadOnlyList<FeedSource> ParseOpml(string text, string origin)
    {
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            // The line comes first, as for plain lists, so editors and users can jump to it.
            throw new MonitorInputException($"{origin}:{e.LineNumber}: not readable OPML: {OneLine(e.Message)}", e);
        }
        if (doc.Root?.Name.LocalName != "opml")
            throw new MonitorInputException($"{origin}: not an OPML document (the root element is <{doc.Root?.Name.LocalName}>, not <opml>)");
        var feeds = new List<FeedSource>();
        foreach (var outline in doc.Descendants("outline"))
        {
            var xmlUrl = (string?)outline.Attribute("xmlUrl");
            if (string.IsNullOrWhiteSpace(xmlUrl)) continue;
            if (!TryNormaliseUrl(xmlUrl, out var url))
                throw new MonitorInputException($"{origin}:{LineOf(outline)}: {InvalidUrl(xmlUrl)}");
            var title = ((string?)outline.Attribute("title") ?? (string?)outline.Attribute("text"))?.Trim();
            // An untitled feed is exported with its URL as the required text; read it back as untitled.
            feeds.Add(new FeedSource(url, string.IsNullOrEmpty(title) || title == xmlUrl.Trim() || title == url ? null : title));
        }
        return Distinct(feeds);
    }

    /// <summary>An OPML 2.0 document listing the feeds, readable by <see cref="ParseOpml"/> and other feed readers.</summary>
    public static string ToOpml(IEnumerable<FeedSource> feeds, string title, DateTimeOffset created)
    {
        var doc = new XDocument(
            new XElement("opml", new XAttribute("version", "2.0"),
                new XElement("head",
                    new XElement("title", XmlSafe(title)),
                    new XElement("dateCreated", created.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture))),
                new XElement("body", feeds.Select(f => new XElement("outline",
                    new XAttribute("type", "rss"),
                    new XAttribute("text", XmlSafe(f.Title ?? f.Url)),
                    f.Title is null ? null : new XAttribute("title", XmlSafe(f.Title)),
                    new XAttribute("xmlUrl", f.Url))))));
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + doc.ToString() + "\n";
    }

    /// <summary>An absolute http or https URL in the form feeds are keyed by (<see cref="Uri.AbsoluteUri"/>).</summary>
    /// <remarks>A URL longer than <see cref="Storage.StoredLimits.MaxUrl"/> is refused too: it could not be stored.</remarks>
    public static bool TryNormaliseUrl(string text, out string url)
    {
        url = "";
        if (text.Length > Storage.StoredLimits.MaxUrl) return false;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")) return false;
        url = uri.AbsoluteUri;
        return url.Length <= Storage.StoredLimits.MaxUrl;
    }

    /// <summary>Why <see cref="TryNormaliseUrl"/> refused <paramref name="text"/>, in a line that never quotes megabytes of it.</summary>
    public static string InvalidUrl(string text) => text.Length > Storage.StoredLimits.MaxUrl
        ? $"a URL of {text.Length:N0} characters; at most {Storage.StoredLimits.MaxUrl:N0} are accepted"
        : $"'{text}' is not an http or https URL";

    /// <summary>The default feeds shipped with Monitor (Feeds/default-feeds.opml).</summary>
    public static IReadOnlyList<FeedSource> Defaults()
    {
        using var stream = typeof(FeedList).Assembly.GetManifestResourceStream("default-feeds.opml")
            ?? throw new FileNotFoundException("embedded default-feeds.opml is missing");
        using var reader = new StreamReader(stream);
        return ParseOpml(reader.ReadToEnd(), "default-feeds.opml");
    }

    /// <summary>A URL never starts with '&lt;', so such a file is meant as OPML and gets OPML's errors.</summary>
    private static bool LooksLikeXml(string text) => text.AsSpan().TrimStart().StartsWith("<");

    private static int LineOf(XObject node) => ((IXmlLineInfo)node).LineNumber;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Titles come from feeds; drop characters XML cannot carry (control characters in a JSON feed's title).</summary>
    private static string XmlSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) safe.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) safe.Append(text, i++, 2);
        }
        return safe.ToString();
    }

    private static List<FeedSource> Distinct(List<FeedSource> feeds) =>
        feeds.DistinctBy(f => f.Url).ToList();
}
