using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digest;

/// <summary>Follow-up items of March 2024 about the seed article's topics, a near-duplicate, a hostile item and an unrelated one.</summary>
public static class DigestSamples
{
    public const string HostileTitle = "<script>alert(1)</script> Drones hit Armenian villages near Jermuk";

    public static readonly TestFeeds.Item Clashes = DigestHost.Item(
        "Azerbaijan shells Armenian border towns; dozens of soldiers killed", "https://news.example/2024/03/11/clashes?id=1&b=2", "2024-03-11T06:00:00Z",
        "Azerbaijani artillery and drones struck Jermuk and Goris as the worst clashes since the 2020 war killed dozens of Armenian soldiers, Yerevan said.",
        "Example Wire");

    public static readonly TestFeeds.Item ClashesCopy = DigestHost.Item(
        "Azerbaijan shells Armenian border towns, dozens of soldiers killed", "https://second.example/world/clashes", "2024-03-11T05:30:00Z",
        "Azerbaijani artillery and drones struck Jermuk and Goris in the worst clashes since the 2020 war, killing dozens of Armenian soldiers.",
        "Second Wire");

    public static readonly TestFeeds.Item Iran = DigestHost.Item(
        "Iran warns Azerbaijan that the Armenian border is a red line", "https://news.example/2024/03/11/iran", "2024-03-11T09:30:00Z",
        "Tehran told Baku that any change to its border with Armenia, including a Zangezur corridor through Syunik, is a red line for Iran.",
        "Example Wire");

    public static readonly TestFeeds.Item Csto = DigestHost.Item(
        "CSTO declines Armenia's request for help after Azerbaijani attack", "https://other.example/csto", "2024-03-11T12:00:00Z",
        "The Russian-led Collective Security Treaty Organization refused to send troops, and Pashinyan criticised Moscow's passive response to the Azerbaijani incursion.",
        "Other Daily");

    public static readonly TestFeeds.Item Hostile = DigestHost.Item(
        HostileTitle, "javascript:alert(1)", "2024-03-11T14:00:00Z",
        "Villagers said <img src=x onerror=alert(2)> Azerbaijani drones and artillery shelled homes overnight while Armenian troops returned fire along the border.",
        "Evil <b>Wire</b>\r\nBcc: victim@example.org");

    public static readonly TestFeeds.Item Football = DigestHost.Item(
        "Local football club wins the cup", "https://news.example/2024/03/11/football", "2024-03-11T18:00:00Z",
        "The home side scored twice in extra time to lift the trophy.");

    public static readonly TestFeeds.Item Later = DigestHost.Item(
        "Armenia and Azerbaijan trade fire on the border again", "https://news.example/2024/03/12/fire", "2024-03-12T02:00:00Z",
        "Armenian and Azerbaijani troops exchanged fire near Sotk overnight; the Armenian defence ministry said Azerbaijani artillery shelled positions on the border.",
        "Example Wire");

    public static TestFeeds.Item[] All => [Clashes, ClashesCopy, Iran, Csto, Hostile, Football];
}
