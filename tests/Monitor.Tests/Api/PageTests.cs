using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Monitor.Api.Endpoints;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Api;

/// <summary>
/// The page to browse the story: escaping checked in the HTML itself, then the real thing in Debian's headless
/// Chromium on `monitor serve`: load, filter by a topic, follow paging. The browser test keeps a screenshot in
/// the test output, and in docs/ui.png when that file is missing or UPDATE_SCREENSHOTS=1.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PageTests(AzuriteFixture azurite, StoryFixture story) : IClassFixture<StoryFixture>
{
    [Fact]
    public async Task Everything_from_feeds_is_escaped_and_no_script_may_run()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var page = await ApiHarness.CallAsync(services, "GET", "/api/ui?topic=border-clashes&claim=C04",
            r => services.GetRequiredService<UiEndpoint>().GetAsync(r, CancellationToken.None));
        Assert.Equal(200, page.Status);
        Assert.Contains("&lt;script&gt;window.__xss=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt; Border &quot;talks&quot; &amp; &#39;delimitation&#39; resume", page.Body);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;window.__xss=4&lt;/script&gt;", page.Body);
        Assert.DoesNotContain("<script", page.Body);
        Assert.DoesNotContain("<img", page.Body);
        Assert.DoesNotContain("javascript:", page.Body.Replace("window.__xss", ""), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("default-src 'none'; style-src 'nonce-", page.Headers["Content-Security-Policy"]);
        Assert.Equal("no-referrer", page.Headers["Referrer-Policy"]);
    }

    [SkippableFact]
    public async Task The_page_loads_filters_by_a_topic_and_follows_paging()
    {
        Skip.IfNot(Browser.IsAvailable, Browser.MissingMessage);
        var served = await story.ServeAsync(azurite);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(1280, 1000);
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };

        // Load: the article, its topics with their newest coverage, the hostile item shown as text.
        var loaded = await page.GotoAsync(new Uri(served.BaseAddress, "?limit=4").ToString());
        Assert.Equal(200, loaded!.Status);
        Assert.StartsWith("Azerbaijan's aggression against Armenia", await page.InnerTextAsync("h1"));
        Assert.Equal(12, await page.Locator("section.topic").CountAsync());
        Assert.True(await page.GetByText(ApiStory.HostileTitle).First.IsVisibleAsync());
        Assert.Equal(0, await page.Locator("a[href^='javascript:']").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.Equal(0, dialogs);
        await SaveScreenshotAsync(page, "ui-overview.png", update: false);

        // Filter by a topic with the form.
        await page.SelectOptionAsync("#topic", "border-clashes");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync("**topic=border-clashes**", Parsed);
        Assert.Contains("limit=4", page.Url);
        var first = await ItemsAsync(page);
        Assert.InRange(first.Count, 1, 4);

        // Follow paging: older items, none seen before, none newer than the first page's.
        await page.ClickAsync("a.older");
        await page.WaitForURLAsync("**continuation=**", Parsed);
        var second = await ItemsAsync(page);
        Assert.NotEmpty(second);
        Assert.Empty(second.Select(i => i.Title).Intersect(first.Select(i => i.Title)));
        Assert.True(string.CompareOrdinal(second.Max(i => i.Published), first.Min(i => i.Published)) <= 0);
        Assert.Contains("topic=border-clashes", page.Url);

        // And back to the newest.
        await page.ClickAsync("a.newest");
        await page.WaitForURLAsync(url => !url.Contains("continuation="), Parsed);
        Assert.Equal(first, await ItemsAsync(page));
        Assert.Equal(0, dialogs);

        // The screenshot for the README: a topic whose items came through the linker, with a story told twice.
        await page.GotoAsync(new Uri(served.BaseAddress, "?topic=zangezur-corridor").ToString());
        await page.Locator("details.also").First.Locator("summary").ClickAsync();
        await SaveScreenshotAsync(page, "ui.png", update: true);
    }

    /// <summary>
    /// The page is rendered on the server, so its items are there once the document is parsed; waiting for the
    /// load event as well timed out once on a loaded machine, with the network already idle.
    /// </summary>
    private static readonly PageWaitForURLOptions Parsed = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    private static async Task<List<(string Title, string Published)>> ItemsAsync(IPage page)
    {
        var items = new List<(string, string)>();
        foreach (var item in await page.Locator("section.coverage article.item").AllAsync())
            items.Add((await item.Locator("h3").InnerTextAsync(), (await item.Locator("time").GetAttributeAsync("datetime"))!));
        return items;
    }

    private static async Task SaveScreenshotAsync(IPage page, string name, bool update)
    {
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Type = ScreenshotType.Png });
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, name), bytes);
        var docs = Path.Combine(RepoPaths.Root, "docs", name);
        if (update && (!File.Exists(docs) || Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1"))
            await File.WriteAllBytesAsync(docs, bytes);
    }
}
