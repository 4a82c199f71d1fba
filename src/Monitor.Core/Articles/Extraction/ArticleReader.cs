using System.Text;
using System.Text.RegularExpressions;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Fetching;

namespace Monitor.Core.Articles.Extraction;

/// <summary>An article's text and what its page says about it (title, date, site), before claims are drafted.</summary>
public sealed record ArticleSource(string Text, string? Title, DateTimeOffset? Published, string? SiteName, string? Url);

/// <summary>
/// Gets an article's text: from a file (plain text, or HTML put through SmartReader, a port of Mozilla's
/// Readability) or from a URL, fetched with the poller's own <see cref="FeedFetcher"/> so the same limits and
/// private-network policy apply.
/// </summary>
public sealed partial class ArticleReader(FeedFetcher fetcher)
{
    public static ArticleSource ReadFile(string path, string? url = null)
    {
        string content;
        try { content = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MonitorInputException($"cannot read article file '{path}': {e.Message}", e);
        }
        if (LooksLikeHtml(content)) return FromHtml(content, url, $"'{path}'");
        var text = content.Replace("\r\n", "\n").Trim();
        if (text.Length == 0) throw new MonitorInputException($"article file '{path}' is empty");
        return new ArticleSource(text, TitleOf(text), null, null, url);
    }

    public async Task<ArticleSource> FetchAsync(string url, CancellationToken cancellationToken = default)
    {
        var fetched = await fetcher.FetchAsync(url, null, null, cancellationToken).ConfigureAwait(false);
        if (fetched.Status != FetchStatus.Ok)
            throw new MonitorInputException($"cannot fetch {url}: {fetched.Error ?? fetched.Status.ToString()}");
        var body = Decode(fetched.Body, fetched.ContentType);
        if (!LooksLikeHtml(body))
        {
            // A plain-text page is the article itself.
            if (fetched.ContentType?.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) == true && body.Trim().Length > 0)
                return new ArticleSource(body.Replace("\r\n", "\n").Trim(), TitleOf(body.Trim()), null, null, url);
            throw new MonitorInputException($"{url} is not a web page ({fetched.ContentType ?? "no content type"})");
        }
        return FromHtml(body, url, url);
    }

    /// <summary>SmartReader and AngleSharp recurse per level of nesting: give them room beyond the thread pool's 1.5 MB.</summary>
    private static T OnLargeStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = e; }
        }, maxStackSize: 64 * 1024 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result;
    }

    /// <summary>The article in an HTML page: its main text in paragraphs, and the page's title, date and site name.</summary>
    public static ArticleSource FromHtml(string html, string? url, string origin)
    {
        // SmartReader needs an absolute URI to resolve links; it does not fetch anything given the HTML.
        var page = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : "https://localhost/article";
        if (HtmlDepth.Exceeds(html))
            throw new MonitorInputException($"{origin}: elements nested deeper than {HtmlDepth.Max} levels; not an article page that can be read safely");
        var article = OnLargeStack(() => new SmartReader.Reader(page, html).GetArticle());
        var text = Paragraphs(article.TextContent ?? "");
        if (!article.IsReadable || text.Length == 0)
            throw new MonitorInputException($"no article text found in {origin}");
        DateTimeOffset? published = article.PublicationDate is { } d
            ? new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : d.Kind)).ToUniversalTime()
            : null;
        var title = string.IsNullOrWhiteSpace(article.Title) ? TitleOf(text) : AnySpace().Replace(article.Title, " ").Trim();
        return new ArticleSource(text, title, published, string.IsNullOrWhiteSpace(article.SiteName) ? null : article.SiteName.Trim(), url);
    }

    public static bool LooksLikeHtml(string text)
    {
        var head = text.TrimStart()[..Math.Min(2048, text.TrimStart().Length)];
        return HtmlStart().IsMatch(head) || HtmlTags().Matches(text[..Math.Min(text.Length, 65536)]).Count >= 3;
    }

    /// <summary>The first line as the title when it is short enough to be one, else the first sentence's opening words.</summary>
    internal static string? TitleOf(string text)
    {
        var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (first is null) return null;
        var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= 20) return first.TrimEnd('.');
        var sentence = SentenceSplitter.Split(first)[0].Text;
        var opening = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return opening.Length <= 14 ? sentence.TrimEnd('.') : string.Join(' ', opening.Take(12)).TrimEnd(',', ';', ':') + "…";
    }

    /// <summary>One paragraph a line: runs of blank lines and spaces that the HTML layout left are collapsed.</summary>
    private static string Paragraphs(string text) => string.Join('\n', text.Replace("\r\n", "\n").Split('\n')
        .Select(l => Whitespace().Replace(l, " ").Trim()).Where(l => l.Length > 0));

    /// <summary>The body as text: the charset the server named, else the page's meta charset, else UTF-8.</summary>
    private static string Decode(byte[] body, string? contentType)
    {
        var charset = Charset().Match(contentType ?? "") is { Success: true } m ? m.Groups[1].Value : null;
        if (charset is null)
        {
            var head = Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 2048));
            if (MetaCharset().Match(head) is { Success: true } meta) charset = meta.Groups[1].Value;
        }
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrEmpty(charset))
        {
            try { encoding = Encoding.GetEncoding(charset.Trim('"', '\'', ' ')); }
            catch (ArgumentException) { }
        }
        return encoding.GetString(body);
    }

    [GeneratedRegex(@"^(<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html|<head[\s>]|<body[\s>])", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlStart();

    [GeneratedRegex(@"</(p|div|article|body|html|h[1-6]|section|span|a)>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTags();

    [GeneratedRegex(@"charset\s*=\s*([^;\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Charset();

    [GeneratedRegex(@"<meta[^>]+charset\s*=\s*[""']?([A-Za-z0-9_\-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s+")]
    private static partial Regex AnySpace();
}
