using System.Security.Cryptography;
using System.Text;

namespace Monitor.Core.Feeds;

/// <summary>Turns parsed items into <see cref="FeedItem"/>s: stable ids, canonical URLs, plain text, UTC dates.</summary>
public static class ItemNormaliser
{
    public static IReadOnlyList<FeedItem> Normalise(ParsedFeed feed, FeedSource source, DateTimeOffset now)
    {
        var feedName = FirstNonBlank(source.Title, HtmlText.ToPlainText(feed.Title, 200), new Uri(source.Url).Host)!;
        var items = new List<FeedItem>(feed.Items.Count);
        foreach (var raw in feed.Items)
        {
            var item = Normalise(raw, source, feedName, now);
            if (item is not null) items.Add(item);
        }
        return items;
    }

    public static FeedItem? Normalise(ParsedItem raw, FeedSource source, string feedName, DateTimeOffset now)
    {
        var title = HtmlText.ToPlainText(raw.Title, 500);
        var summary = HtmlText.ToPlainText(raw.Summary);
        var url = UrlCanonicaliser.Canonicalise(raw.Link, source.Url)
                  ?? UrlCanonicaliser.Canonicalise(raw.Guid, source.Url);
        if (title.Length == 0 && summary.Length == 0) return null; // nothing to read, nothing to link
        var published = FeedDates.Parse(raw.Date);
        return new FeedItem
        {
            Id = StableId(raw, url, source, title, summary),
            Url = url ?? "",
            Title = title.Length > 0 ? title : Shorten(summary, 120),
            Summary = summary,
            Published = published ?? now,
            HasPublishedDate = published.HasValue,
            Source = FirstNonBlank(HtmlText.ToPlainText(raw.Source, 200), feedName)!,
            FeedUrl = source.Url,
            FirstSeen = now,
        };
    }

    /// <summary>
    /// The guid when there is one (a URL guid canonicalised, so two feeds carrying one story agree; any other
    /// guid scoped to its feed, since such guids are only unique within a feed), else the link, else the content.
    /// </summary>
    public static string StableId(ParsedItem raw, string? canonicalUrl, FeedSource source, string title, string summary)
    {
        string key;
        var guid = raw.Guid?.Trim();
        if (!string.IsNullOrEmpty(guid))
            key = UrlCanonicaliser.Canonicalise(guid) is { } guidUrl ? "url:" + guidUrl : $"guid:{source.Url}|{guid}";
        else if (canonicalUrl is not null)
            key = "url:" + canonicalUrl;
        else
            key = $"text:{source.Url}|{title}|{summary}|{raw.Date}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "…";
}
