using Microsoft.Playwright;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// Debian's headless Chromium driven by Playwright (its own browser download is never used: nothing is
/// fetched from outside). Tests that need it skip with a message when /usr/bin/chromium is absent; CI installs it.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static bool IsAvailable => File.Exists(ExecutablePath);

    public static string MissingMessage => $"{ExecutablePath} is absent: install Debian's chromium (apt-get install chromium) to run browser tests";

    public static async Task<Browser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Without the background-networking flags Chromium keeps calling home, and this network refuses it.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return new Browser(playwright, browser);
    }

    /// <summary>A new page of the given viewport width (and height), optionally in dark mode.</summary>
    public async Task<IPage> NewPageAsync(int width, int height = 900, bool dark = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light,
            JavaScriptEnabled = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>True when the page is wider than its viewport (a horizontal scroll bar).</summary>
    public static async Task<bool> ScrollsSidewaysAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");

    /// <summary>Every link's href on the page.</summary>
    public static async Task<string[]> LinksAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))");

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
