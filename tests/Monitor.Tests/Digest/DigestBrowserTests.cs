using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Monitor.Core.Digest;
using Monitor.Core.Feeds;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digest;

/// <summary>
/// The digest's HTML in Debian's headless Chromium, as a phone (375 px) and a desktop (1280 px) show it, light and
/// dark. With MONITOR_DIGEST_SCREENSHOTS=1 it writes the README's screenshots to docs/ (see README, Digest).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DigestBrowserTests(AzuriteFixture azurite)
{
    private const string TroubledFeed = "https://feeds.example/caucasus-watch.xml";

    /// <summary>The sample digest: every kind of story, a hostile item, and a feed in trouble.</summary>
    private async Task<string> SampleHtmlAsync()
    {
        var now = TestFeeds.Date("2024-03-12T03:10:00Z");
        await using var host = new DigestHost(azurite, now, new Dictionary<string, string?> { ["Digest:Recipients"] = "ana@example.org" },
            feedUrls: [TroubledFeed, "https://feeds.example/wire.xml"]);
        // One headline is a single 90-character word, as some feeds send: it must wrap, not widen the page.
        var unbroken = DigestHost.Item("Live: Azerbaijani_shelling_of_Armenian_border_villages_Jermuk_Goris_Sotk_minute_by_minute_updates",
            "https://news.example/live", "2024-03-11T15:00:00Z",
            "Azerbaijani artillery shelled Armenian border villages near Sotk and Goris overnight, the Armenian defence ministry said.", "Live Desk");
        Assert.Equal(7, (await host.SeedAsync(TestFeeds.Date("2024-03-11T20:00:00Z"), [.. DigestSamples.All, DigestSamples.Later, unbroken])).Count);
        var states = host.Services.GetRequiredService<FeedStateStore>();
        await states.SaveAsync(new FeedState
        {
            Key = FeedSource.KeyOf(TroubledFeed), Url = TroubledFeed, Title = "Caucasus Watch",
            LastAttempt = now.AddMinutes(-10), LastSuccess = now.AddDays(-3), LastErrorAt = now.AddMinutes(-10), ConsecutiveFailures = 14,
            LastError = "HTTP 503 Service Unavailable <html><body>maintenance</body></html>",
        });
        await states.SaveAsync(new FeedState { Key = FeedSource.KeyOf("https://feeds.example/wire.xml"), Url = "https://feeds.example/wire.xml", LastAttempt = now.AddMinutes(-10), LastSuccess = now.AddMinutes(-10) });
        var run = await host.RunAsync(new DigestRequest { DryRun = true });
        return Assert.Single(run.Results).Message!.HtmlBody ?? throw new Xunit.Sdk.XunitException("no HTML part");
    }

    [SkippableFact]
    public async Task The_digest_reads_on_a_phone_and_a_desktop_in_light_and_dark_mode_with_only_web_links()
    {
        Skip.IfNot(Browser.IsAvailable, Browser.MissingMessage);
        var html = await SampleHtmlAsync();
        var keep = Environment.GetEnvironmentVariable("MONITOR_DIGEST_SCREENSHOTS") == "1";
        var folder = keep ? Path.Combine(RepoPaths.Root, "docs") : Directory.CreateTempSubdirectory("digest-shots").FullName;
        try
        {
            await CheckAsync(html, folder);
        }
        finally
        {
            if (!keep) Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task CheckAsync(string html, string folder)
    {

        await using var browser = await Browser.LaunchAsync();
        string? lightBackground = null;
        foreach (var (width, dark) in new[] { (375, false), (1280, false), (375, true), (1280, true) })
        {
            var page = await browser.NewPageAsync(width, dark: dark);
            await page.SetContentAsync(html);

            Assert.False(await Browser.ScrollsSidewaysAsync(page), $"the digest scrolls sideways at {width} px");
            var links = await Browser.LinksAsync(page);
            Assert.NotEmpty(links);
            Assert.All(links, href => Assert.Matches("^https?://", href));
            Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('script, iframe, object, embed, img, link, form').length"));
            Assert.Equal(1, await page.EvaluateAsync<int>("() => Array.from(document.querySelectorAll('a')).filter(a => a.textContent.includes('Azerbaijan shells Armenian border towns')).length"));
            Assert.Contains("<script>alert(1)</script>", await page.EvaluateAsync<string>("() => document.body.innerText"));
            // Text stays readable: at least 12 px everywhere, and the column fills a phone's width.
            Assert.True(await page.EvaluateAsync<bool>("() => Array.from(document.querySelectorAll('p, h1, h2, h3, td, a')).every(e => parseFloat(getComputedStyle(e).fontSize) >= 12 || e.textContent.trim() === '')"));
            var column = await page.EvaluateAsync<double>("() => document.querySelector('table table').getBoundingClientRect().width");
            Assert.InRange(column, width == 375 ? 340 : 600, width == 375 ? 375 : 640);

            var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            if (!dark) lightBackground = background;
            else Assert.NotEqual(lightBackground, background);
            if (!dark) await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"digest-{width}.png"), FullPage = true });
            await page.Context.CloseAsync();
        }
    }
}
