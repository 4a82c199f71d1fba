using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Core.Polling;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;
using static Monitor.Tests.Infrastructure.TestFeeds;

namespace Monitor.Tests.Api;

/// <summary>
/// The story the API tests read: follow-up items served as a real feed and polled (so links and evidence are
/// the linker's own), plus rows stored directly: an item whose feed text tries script injection, and a run of
/// border items for paging.
/// </summary>
public static class ApiStory
{
    public const string Article = "cradle-2022-09-armenia-azerbaijan";
    public const string HostileTitle = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\"> Border \"talks\" & 'delimitation' resume";
    public static int PagingItems => PagingTitles.Length;

    public static Item[] FeedItems() =>
    [
        .. SeedStory(),
        new("Pashinyan rejects an extraterritorial Zangezur corridor through Syunik", "https://news.example/2023/03/14/zangezur",
            Date("2023-03-14T10:00:00Z"), "Armenian Prime Minister Nikol Pashinyan said Yerevan would open transport links to Nakhchivan but rejected any extraterritorial Zangezur corridor through Syunik province.",
            Source: "Armenpress"),
        new("Armenia freezes its participation in the CSTO over Russia's passivity", "https://news.example/2024/02/23/csto-freeze",
            Date("2024-02-23T08:00:00Z"), "Pashinyan said Armenia had frozen its participation in the Collective Security Treaty Organization after Russia's passive response to Azerbaijani attacks on Armenian territory.",
            Source: "Wire One"),
        new("Armenia and Azerbaijan initial a peace agreement at the White House", "https://news.example/2025/08/08/peace",
            Date("2025-08-08T18:00:00Z"), "Pashinyan and Aliyev initialled the peace agreement in Washington, and the United States won development rights to the Trump Route (TRIPP) linking Azerbaijan with Nakhchivan.",
            Source: "Wire One"),
        // The same wire story, syndicated with a slightly different headline: shown once, under the first.
        new("Armenia, Azerbaijan initial peace agreement at the White House", "https://caucasus.example/2025/08/08/peace-deal",
            Date("2025-08-08T16:30:00Z"), "Pashinyan and Aliyev initialled the peace agreement in Washington, and the United States won development rights to the Trump Route (TRIPP) linking Azerbaijan with Nakhchivan.",
            Source: "Caucasus Daily"),
        new("Azerbaijani troops fire on Armenian positions near Sotk; four soldiers killed", "https://news.example/2023/04/11/sotk",
            Date("2023-04-11T07:15:00Z"), "Armenia said Azerbaijani troops fired mortars at its positions near Sotk in Gegharkunik, killing four soldiers; Baku blamed Yerevan for the clash on the border.",
            Source: "Wire One"),
        new("EU extends its monitoring mission on Armenia's border with Azerbaijan", "https://news.example/2024/01/22/euma",
            Date("2024-01-22T12:00:00Z"), "The European Union extended its civilian monitoring mission on Armenia's side of the border with Azerbaijan near Jermuk, after renewed shelling and ceasefire violations.",
            Source: "EU Observer"),
    ];

    /// <summary>Polls the feed above (served by <paramref name="server"/>) and stores the extra rows.</summary>
    public static async Task<PollReport> SeedAsync(IServiceProvider services, FeedServer server)
    {
        var url = server.Serve("story.xml", Rss("Follow-up", FeedItems()));
        var report = await services.GetRequiredService<PollRunner>().RunAsync([new FeedSource(url)]);
        if (report.FeedsFailed > 0) throw new InvalidOperationException("the story feed failed: " + report.Feeds.First(f => f.IsFailure).Reason);
        await services.GetRequiredService<CoverageStore>().SaveAsync([Hostile(), .. Paging()]);
        return report;
    }

    /// <summary>Feed text as a hostile feed might send it, stored as is so the page has to escape it.</summary>
    public static CoverageLink Hostile() => Link("hostile", HostileTitle, "javascript:window.__xss=3", Date("2024-04-19T09:00:00Z"),
        "Border commissions met <b>again</b> </script><script>window.__xss=4</script>", "Tavush <i>Gazakh</i>", ["border-clashes", "peace-treaty"], ("C04", ["border-clashes"]));

    /// <summary>Distinct border items (no two tell one story), one a day from 1 June 2024, for paging.</summary>
    public static IEnumerable<CoverageLink> Paging() => PagingTitles.Select((title, i) => Link(
        $"paging{i:D2}", title, $"https://border.example/2024/06/{i + 1:D2}", new DateTimeOffset(2024, 6, 1 + i, 6, 0, 0, TimeSpan.Zero),
        $"Report {i + 1} of the border series.", "Border Monitor", ["border-clashes"], ("C01", ["border-clashes"])));

    private static readonly string[] PagingTitles =
    [
        "Shelling reported overnight near Jermuk",
        "Yerevan accuses Baku of sniper fire in Tegh",
        "Villagers in Sotk rebuild homes hit in 2022",
        "Monitors patrol Goris road after gunfire",
        "Kapan mayor asks for shelters for schools",
        "Border guards swap positions at Vardenis",
        "Drone footage shows new trenches above Ishkhanasar",
        "Farmers cannot reach fields beside frontline posts",
        "Ceasefire violation claimed by both defence ministries",
        "Armenian ombudsman documents damage to Nerkin Hand",
        "Azerbaijani ministry reports mortar rounds from Armenian side",
        "Delimitation commission postpones Tavush meeting",
    ];

    private static CoverageLink Link(string name, string title, string url, DateTimeOffset published, string summary, string source,
        string[] topics, params (string Id, string[] Topics)[] claims)
    {
        var item = new FeedItem
        {
            Id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..32],
            Url = url, Title = title, Summary = summary, Published = published, Source = source,
            FeedUrl = "https://stored.example/feed", FirstSeen = published.AddHours(1),
        };
        var evidence = new LinkEvidence(["border", "Armenia"], summary);
        return new CoverageLink(Article, item,
            topics.Select(t => new TopicLink(t, 0.61, evidence)).ToList(),
            claims.Select(c => new ClaimLink(c.Id, c.Topics, 0.47, evidence)).ToList());
    }
}
