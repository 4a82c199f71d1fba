using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Monitor.Core.Articles;
using Monitor.Core.Feeds;

namespace Monitor.Core.Linking;

/// <summary>Links items to every followed article; one compiled <see cref="ClaimMatcher"/> per article.</summary>
public sealed class Linker(ArticleCatalog catalog, TextAnalysis analysis, IOptions<LinkingOptions> options)
{
    private readonly ConcurrentDictionary<string, ClaimMatcher> _matchers = new();

    public IEnumerable<CoverageLink> Link(FeedItem item)
    {
        foreach (var article in catalog.Articles)
            if (Link(item, article) is { } link) yield return link;
    }

    /// <summary>The item's links to one article, or null when it bears on none of its topics.</summary>
    public CoverageLink? Link(FeedItem item, Article article) => MatcherOf(article).Match(item);

    /// <summary>Why the item is or is not linked to each topic and claim of the article.</summary>
    public Explanation Explain(FeedItem item, Article article) => MatcherOf(article).Explain(item);

    private ClaimMatcher MatcherOf(Article article) =>
        _matchers.GetOrAdd(article.Id, _ => new ClaimMatcher(article, analysis, options.Value));
}
