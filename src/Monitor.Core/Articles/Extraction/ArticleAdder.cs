namespace Monitor.Core.Articles.Extraction;

/// <summary>What `monitor article add` was given: a file or a URL, and what the user says about the article.</summary>
public sealed record AddArticleRequest(
    string? File, string? Url, string? Title = null, DateTimeOffset? Published = null, string? Id = null, string? Source = null,
    bool Replace = false);

/// <summary>An article now followed: its claims file and what was drafted into it.</summary>
public sealed record AddedArticle(string ClaimsFile, ArticleInfo Article, ClaimsDraft Draft);

/// <summary>
/// Adds an article to follow: reads its text, settles its id, title and date (the user's word first, then the
/// page's), drafts its claims and writes the claims file the poller picks up on its next pass.
/// </summary>
public sealed class ArticleAdder(ArticleReader reader, ClaimExtractor extractor, ArticleFolder folder)
{
    public async Task<AddedArticle> AddAsync(AddArticleRequest request, CancellationToken cancellationToken = default)
    {
        if (request.File is null && request.Url is null)
            throw new MonitorInputException("give the article as --file FILE (text or HTML) or --url URL");
        if (request.Url is not null && !IsHttp(request.Url))
            throw new MonitorInputException($"--url '{request.Url}' is not an http or https URL");
        if (request.Id is not null) folder.EnsureAvailable(request.Id, request.Replace); // fail before fetching

        var source = request.File is not null
            ? ArticleReader.ReadFile(request.File, request.Url)
            : await reader.FetchAsync(request.Url!, cancellationToken).ConfigureAwait(false);

        var title = NonBlank(request.Title) ?? source.Title
            ?? throw new MonitorInputException("the article has no title: give --title");
        var published = request.Published ?? source.Published
            ?? throw new MonitorInputException(
                "the article's publication date is not known: give --published YYYY-MM-DD (items published before it are background)");
        var id = NonBlank(request.Id) ?? Slug.From(title, maxLength: 48);
        if (id.Length == 0) throw new MonitorInputException($"no id can be made from the title '{title}': give --id");
        folder.EnsureAvailable(id, request.Replace);

        var draft = extractor.Extract(source.Text);
        var article = new ArticleInfo(id, title, published, source.Text, source.Url, NonBlank(request.Source) ?? source.SiteName);
        var path = folder.Write(article, draft, request.Replace);
        return new AddedArticle(path, article, draft);
    }

    private static bool IsHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string? NonBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
