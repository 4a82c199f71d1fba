using System.Text;
using Monitor.Core.Feeds.Fetching;

namespace Monitor.Core.Feeds.Subscriptions;

public enum ProbeKind
{
    /// <summary>The URL serves a feed this project can parse.</summary>
    Feed,
    /// <summary>The URL serves an HTML page; <see cref="ProbeResult.Candidates"/> are the feeds it links (maybe none).</summary>
    Page,
    /// <summary>The URL could not be fetched, or serves neither a feed nor a page; see the reason.</summary>
    Failed,
}

public sealed record ProbeResult(ProbeKind Kind, string Url, string? Title, IReadOnlyList<FeedSource> Candidates, string? Reason)
{
    public static ProbeResult Fail(string url, string reason) => new(ProbeKind.Failed, url, null, [], reason);
}

/// <summary>
/// Looks at what a URL serves before it is subscribed, with the poller's own fetcher (same limits, same
/// private-network policy) and parser, so a feed that passes here is one the poller can read.
/// </summary>
public sealed class FeedProbe(FeedFetcher fetcher)
{
    public async Task<ProbeResult> ProbeAsync(string url, CancellationToken cancellationToken = default)
    {
        var fetched = await fetcher.FetchAsync(url, null, null, cancellationToken).ConfigureAwait(false);
        if (fetched.Status != FetchStatus.Ok)
            return ProbeResult.Fail(url, fetched.Error ?? (fetched.Status == FetchStatus.Gone ? "gone (HTTP 410)" : $"unexpected answer ({fetched.Status})"));
        try
        {
            var feed = FeedParser.Parse(fetched.Body);
            return new ProbeResult(ProbeKind.Feed, url, string.IsNullOrWhiteSpace(feed.Title) ? null : feed.Title.Trim(), [], null);
        }
        catch (FeedFormatException e)
        {
            var text = Decode(fetched.Body, fetched.ContentType);
            if (!FeedDiscovery.LooksLikeHtml(fetched.ContentType, text)) return ProbeResult.Fail(url, e.Message);
            return new ProbeResult(ProbeKind.Page, url, null, FeedDiscovery.Discover(text, new Uri(url)), null);
        }
    }

    /// <summary>The body as text in the charset the server named, else UTF-8 (link tags are ASCII either way).</summary>
    private static string Decode(byte[] body, string? contentType)
    {
        var charset = contentType?.Split(';').Select(p => p.Trim())
            .FirstOrDefault(p => p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))?["charset=".Length..].Trim('"', ' ');
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrEmpty(charset))
        {
            try { encoding = Encoding.GetEncoding(charset); }
            catch (ArgumentException) { }
        }
        return encoding.GetString(body);
    }
}
