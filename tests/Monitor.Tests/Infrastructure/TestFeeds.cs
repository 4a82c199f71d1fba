using System.Net;
using System.Text;

namespace Monitor.Tests.Infrastructure;

/// <summary>Builds small RSS feeds for tests.</summary>
public static class TestFeeds
{
    public sealed record Item(string Title, string Link, DateTimeOffset? Published, string Description = "", string? Guid = null, string? Source = null);

    public static string Rss(string title, params Item[] items)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>");
        sb.Append($"<title>{WebUtility.HtmlEncode(title)}</title><link>https://example.org/</link><description>test</description>\n");
        foreach (var i in items)
        {
            sb.Append("<item>");
            sb.Append($"<title>{WebUtility.HtmlEncode(i.Title)}</title><link>{WebUtility.HtmlEncode(i.Link)}</link>");
            if (i.Guid is not null) sb.Append($"<guid isPermaLink=\"false\">{WebUtility.HtmlEncode(i.Guid)}</guid>");
            if (i.Published is { } p) sb.Append($"<pubDate>{p.ToUniversalTime():R}</pubDate>");
            if (i.Source is not null) sb.Append($"<source url=\"https://source.example/\">{WebUtility.HtmlEncode(i.Source)}</source>");
            sb.Append($"<description>{WebUtility.HtmlEncode(i.Description)}</description>");
            sb.Append("</item>\n");
        }
        sb.Append("</channel></rss>");
        return sb.ToString();
    }

    /// <summary>Items about the seed article's topics, one unrelated item and one published before the article.</summary>
    public static Item[] SeedStory() =>
    [
        new("Azerbaijan shells Armenian border towns; dozens of soldiers killed",
            "https://news.example/2022/09/13/clashes?utm_source=rss", Date("2022-09-21T06:00:00Z"),
            "Azerbaijani artillery and drones struck Jermuk and Goris as the worst clashes since the 2020 war killed dozens of Armenian soldiers, Yerevan said.",
            Source: "Example Wire"),
        new("Iran warns Azerbaijan that the Armenian border is a red line",
            "https://news.example/2022/10/01/iran", Date("2022-10-01T09:30:00Z"),
            "Tehran told Baku that any change to its border with Armenia, including a Zangezur corridor through Syunik, is a red line for Iran."),
        new("CSTO declines Armenia's request for help after Azerbaijani attack",
            "https://news.example/2022/09/25/csto", Date("2022-09-25T12:00:00Z"),
            "The Russian-led Collective Security Treaty Organization refused to send troops, and Pashinyan criticised Moscow's passive response to the Azerbaijani incursion."),
        new("Local football club wins the cup", "https://news.example/2022/10/02/football", Date("2022-10-02T18:00:00Z"),
            "The home side scored twice in extra time to lift the trophy."),
        new("Armenia and Azerbaijan clash along the border in Tavush", "https://news.example/2021/05/12/old",
            Date("2021-05-12T08:00:00Z"), "Azerbaijani troops advanced into Armenian territory near Sotk, shelling positions."),
    ];

    public static DateTimeOffset Date(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
