using System.Security.Cryptography;
using System.Text;
using Monitor.Core.Feeds.Parsing;
using Monitor.Core.Storage;

namespace Monitor.Core.Feeds;

/// <summary>Turns parsed items into <see cref="FeedItem"/>s: stable ids, canonical URLs, plain text, UTC dates.</summary>
public static class ItemNormaliser
{
    /// <summary>
    /// The feed's items, normalised. Some feeds give one guid to different items (a CMS bug); those items all get
    /// an id derived from the guid and their link (or title when the links agree), so none is lost and the ids do
    /// not depend on the order of the feed. Repeats of the same item (same link and title) stay one item.
    /// </summary>
    public static IReadOnlyList<FeedItem> Normalise(ParsedFeed feed, FeedSource source, DateTimeOffset now)
    {
        var feedName = FirstNonBlank(source.Title, HtmlText.ToPlainText(feed.Title, 200), new Uri(source.Url).Host)!;
        var items = new List<FeedItem>(feed.Items.Count);
        foreach (var raw in feed.Items)
        {
            Parsing.ParseBudget.Check();
            var item = Normalise(raw, source, feedName, now);
            if (item is not null) items.Add(item);
        }
        var byId = items.GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.DistinctBy(i => (i.Url, i.Title)).ToList());
        var result = new List<FeedItem>(items.Count);
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var sharing = byId[item.Id];
            var id = sharing.Count == 1 ? item.Id : DistinctId(item, sharing);
            if (emitted.Add(id)) result.Add(item with { Id = id }); // a repeat of an item already listed is dropped
        }
        return result;
    }

    /// <summary>The id of one of several different items that share a guid: guid + link, or guid + link + title when links collide.</summary>
    private static string DistinctId(FeedItem item, List<FeedItem> sharing)
    {
        var ownLink = item.Url.Length > 0 && sharing.Count(other => other.Url == item.Url) == 1;
        return Hash(ownLink ? $"{item.Id}|link:{item.Url}" : $"{item.Id}|title:{item.Url}|{item.Title}");
    }

    public static FeedItem? Normalise(ParsedItem raw, FeedSource source, string feedName, DateTimeOffset now)
    {
        var title = HtmlText.ToPlainText(raw.Title, 500);
        var summary = HtmlText.ToPlainText(raw.Summary);
        // Caps are applied here, where the values are made (see StoredLimits): an oversized link is no link.
        var url = StoredLimits.Url(UrlCanonicaliser.Canonicalise(raw.Link, source.Url))
                  ?? StoredLimits.Url(UrlCanonicaliser.Canonicalise(raw.Guid, source.Url));
        if (title.Length == 0 && summary.Length == 0) return null; // nothing to read, nothing to link
        var published = StoredLimits.Date(FeedDates.Parse(raw.Date), now);
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
        return Hash(key);
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "…";
}
