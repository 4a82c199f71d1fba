using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Core.Digest;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digest;

/// <summary>
/// The composition root on a test's own tables, with a hand-moved clock, digest and SMTP settings, and an
/// empty feed list (so the shipped default feeds are not subscribed); coverage is stored as a pass would.
/// </summary>
public sealed class DigestHost : IAsyncDisposable
{
    private readonly string _feedsFile;

    public DigestHost(AzuriteFixture azurite, DateTimeOffset now, IDictionary<string, string?> settings, string? prefix = null, IEnumerable<string>? feedUrls = null)
    {
        Prefix = prefix ?? azurite.NewPrefix();
        Clock = new FakeTimeProvider(now);
        _feedsFile = Path.Combine(Path.GetTempPath(), $"digest-feeds-{Guid.NewGuid():N}.txt");
        File.WriteAllText(_feedsFile, "# digest test feeds\n" + string.Join("\n", feedUrls ?? ["https://feeds.example/never-polled.xml"]) + "\n");
        var values = new Dictionary<string, string?>
        {
            ["MONITOR_FEEDS"] = _feedsFile,
            ["Digest:From"] = "Monitor <monitor@example.org>",
            ["Digest:LocalTime"] = "07:00",
            ["Digest:TimeZone"] = "Asia/Yerevan",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Security"] = "None",
            ["Smtp:Timeout"] = "00:00:10",
        };
        foreach (var (k, v) in settings) values[k] = v;
        Services = TestServices.Create(azurite, Prefix, values, s => s.AddSingleton<TimeProvider>(Clock));
    }

    public string Prefix { get; }
    public FakeTimeProvider Clock { get; }
    public ServiceProvider Services { get; }

    public DigestRunner Runner => Services.GetRequiredService<DigestRunner>();
    public DigestStore Store => Services.GetRequiredService<DigestStore>();

    public Task<DigestRun> RunAsync(DigestRequest? request = null) => Runner.RunAsync(request);

    /// <summary>Links the items and stores their coverage as first seen at <paramref name="firstSeen"/>; returns the items that linked.</summary>
    public async Task<IReadOnlyList<FeedItem>> SeedAsync(DateTimeOffset firstSeen, params TestFeeds.Item[] items)
    {
        var linker = Services.GetRequiredService<Linker>();
        var linked = new List<FeedItem>();
        var links = new List<CoverageLink>();
        foreach (var i in items)
        {
            var item = new FeedItem
            {
                Id = FeedSource.KeyOf(i.Link + "|" + i.Title),
                Url = i.Link,
                Title = i.Title,
                Summary = i.Description,
                Published = i.Published ?? firstSeen,
                HasPublishedDate = i.Published is not null,
                Source = i.Source ?? "Example Wire",
                FeedUrl = "https://feeds.example/" + (i.Source ?? "wire"),
                FirstSeen = firstSeen,
            };
            var itemLinks = linker.Link(item).ToList();
            if (itemLinks.Count == 0) continue;
            linked.Add(item);
            links.AddRange(itemLinks);
        }
        await Services.GetRequiredService<CoverageStore>().SaveAsync(links);
        return linked;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        File.Delete(_feedsFile);
    }

    public static TestFeeds.Item Item(string title, string link, string published, string description, string? source = null) =>
        new(title, link, TestFeeds.Date(published), description, Source: source);
}
