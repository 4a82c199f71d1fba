using System.Net;

namespace Monitor.Tests.Articles.Extraction;

/// <summary>A news page around an article's paragraphs: navigation, a date in its metadata, a footer to leave out.</summary>
internal static class ArticleHtml
{
    public static string Page(string title, IEnumerable<string> paragraphs, string? published = "2024-03-05T08:30:00Z") => $"""
        <!doctype html>
        <html lang="en"><head>
          <meta charset="utf-8">
          <title>{WebUtility.HtmlEncode(title)} | Example Wire</title>
          <meta property="og:title" content="{WebUtility.HtmlEncode(title)}">
          <meta property="og:site_name" content="Example Wire">
          {(published is null ? "" : $"<meta property=\"article:published_time\" content=\"{published}\">")}
        </head><body>
          <header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
          <main><article>
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            {string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>\n"))}
          </article></main>
          <footer class="site-footer"><p>Copyright Example Wire. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
        </body></html>
        """;

    /// <summary>The seed article's paragraphs (it ships in the repository), to give pages real length.</summary>
    public static IReadOnlyList<string> SeedParagraphs() => File.ReadAllLines(Path.Combine(
            Infrastructure.RepoPaths.Root, "src", "Monitor.Core", "Articles", "Seed", "article.txt"))
        .Where(l => l.Trim().Length > 0).ToList();
}
