namespace Monitor.Tests.Infrastructure;

/// <summary>The browser helper itself: Debian's Chromium starts offline and renders a page.</summary>
public class BrowserTests
{
    [SkippableFact]
    public async Task Chromium_renders_a_page_and_reports_sideways_scroll()
    {
        Skip.IfNot(Browser.IsAvailable, Browser.MissingMessage);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(375);
        await page.SetContentAsync("<html><body><a href='https://example.org/'>x</a><div style='width:300px'>fits</div></body></html>");
        Assert.False(await Browser.ScrollsSidewaysAsync(page));
        Assert.Equal(["https://example.org/"], await Browser.LinksAsync(page));
        await page.SetContentAsync("<html><body><div style='width:1000px'>too wide</div></body></html>");
        Assert.True(await Browser.ScrollsSidewaysAsync(page));
    }
}
