using System.Xml;
using System.Xml.Linq;

namespace Monitor.Core.Feeds;

/// <summary>Reads lists of feeds: plain text (one URL a line, '#' comments) or OPML.</summary>
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
        var feeds = LooksLikeOpml(text) ? ParseOpml(text, path) : ParseLines(text, path);
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
            if (!Uri.TryCreate(line, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new MonitorInputException($"{origin}:{lineNumber}: '{line}' is not an http or https URL");
            feeds.Add(new FeedSource(uri.AbsoluteUri));
        }
        return Distinct(feeds);
    }

    public static IReadOnlyList<FeedSource> ParseOpml(string text, string origin)
    {
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            doc = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new MonitorInputException($"{origin}: not readable OPML: {e.Message}", e);
        }
        var feeds = new List<FeedSource>();
        foreach (var outline in doc.Descendants("outline"))
        {
            var url = (string?)outline.Attribute("xmlUrl");
            if (string.IsNullOrWhiteSpace(url)) continue;
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new MonitorInputException($"{origin}: '{url}' is not an http or https URL");
            feeds.Add(new FeedSource(uri.AbsoluteUri, (string?)outline.Attribute("title") ?? (string?)outline.Attribute("text")));
        }
        return Distinct(feeds);
    }

    /// <summary>The default feeds shipped with Monitor (Feeds/default-feeds.opml).</summary>
    public static IReadOnlyList<FeedSource> Defaults()
    {
        using var stream = typeof(FeedList).Assembly.GetManifestResourceStream("default-feeds.opml")
            ?? throw new FileNotFoundException("embedded default-feeds.opml is missing");
        using var reader = new StreamReader(stream);
        return ParseOpml(reader.ReadToEnd(), "default-feeds.opml");
    }

    private static bool LooksLikeOpml(string text) =>
        text.AsSpan().TrimStart().StartsWith("<") && text.Contains("<opml", StringComparison.OrdinalIgnoreCase);

    private static List<FeedSource> Distinct(List<FeedSource> feeds) =>
        feeds.DistinctBy(f => f.Url).ToList();
}
