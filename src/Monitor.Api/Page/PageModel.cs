using Monitor.Core.Articles;
using Monitor.Core.Query;

namespace Monitor.Api.Page;

/// <summary>The filters of the page as the user gave them (dates as typed), echoed into the form and every link.</summary>
internal sealed record PageFilters(string? Article, string? Topic, string? Claim, string? Since, string? Until, int Limit, string? Code)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>The query of a link that keeps these filters, with the changes given (null drops a value).</summary>
    public string Link(string? topic, string? claim, string? continuation = null) => Html.Query(
        ("article", Article), ("topic", topic), ("claim", claim), ("since", Since), ("until", Until),
        ("limit", Limit == DefaultLimit ? null : Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("continuation", continuation), ("code", Code));
}

/// <summary>A topic on the overview: its counts and newest stories.</summary>
internal sealed record TopicBlock(Topic Topic, IReadOnlyList<CoverageEntry> Newest);

/// <summary>Everything the page shows. Either <see cref="Overview"/> (no topic chosen) or <see cref="Coverage"/> is set, unless <see cref="Error"/> is.</summary>
internal sealed record PageModel(ArticleCatalog Catalog, Article Article, TopicSummary? Summary, PageFilters Filters, string ApiBase)
{
    public IReadOnlyList<TopicBlock>? Overview { get; init; }
    public Topic? Topic { get; init; }
    public Claim? Claim { get; init; }
    public CoveragePage? Coverage { get; init; }
    /// <summary>The opaque token of the next page, as the API gives it.</summary>
    public string? Next { get; init; }
    public string? Error { get; init; }
}
