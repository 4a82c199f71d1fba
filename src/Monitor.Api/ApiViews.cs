using Monitor.Core.Articles;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Query;

namespace Monitor.Api;

// The JSON shapes the API adds to those it shares with the CLI (CoverageViews). Times are ISO 8601 UTC
// strings; absent values are left out. openapi.json describes each one, and tests hold the two together.

/// <summary>A followed article in the list: what it is and how many topics and claims it has.</summary>
public sealed record ArticleSummaryView(string Id, string Title, string? Url, string? Source, string Published, int Topics, int Claims)
{
    public static ArticleSummaryView From(Article a) =>
        new(a.Id, a.Title, a.Url, a.Source, CoverageViews.Iso(a.Published), a.Topics.Count, a.Claims.Count);
}

/// <summary>A followed article with its topics, each with its claims and item counts.</summary>
public sealed record ArticleView(string Id, string Title, string? Url, string? Source, string Published, IReadOnlyList<TopicView> Topics);

/// <summary>
/// One page of a topic's coverage: stories newest first, grouped within the page. <c>continuation</c> (and
/// <c>next</c>, the same request with it) is present while older entries remain.
/// </summary>
public sealed record CoveragePageView(
    string Article, string Topic, string? Claim, string? Since, string? Until, int Limit,
    IReadOnlyList<CoverageItemView> Items, string? Continuation, string? Next);

/// <summary>Items linked in one ISO week (Monday to Sunday, UTC).</summary>
public sealed record WeekView(string Week, string Start, int Items);

/// <summary>A claim with its counts, its first and latest items, and a timeline of items per week (weeks without items left out).</summary>
public sealed record ClaimDetailView(
    string Id, string Article, string Text, string? Quote, IReadOnlyList<string> Topics,
    int Items, IReadOnlyDictionary<string, int> ItemsPerTopic, string? First, string? Latest,
    RelatedView? FirstItem, RelatedView? LatestItem, IReadOnlyList<WeekView> Timeline)
{
    public static ClaimDetailView From(ClaimActivity a) => new(
        a.Claim.Id, a.Article.Id, a.Claim.Text, a.Claim.Quote, a.Claim.TopicIds, a.Items, a.ItemsPerTopic,
        a.First is { } f ? CoverageViews.Iso(f.Published) : null, a.Latest is { } l ? CoverageViews.Iso(l.Published) : null,
        Related(a.First), Related(a.Latest),
        a.Weeks.Select(w => new WeekView(w.Name, w.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), w.Items)).ToList());

    private static RelatedView? Related(RelatedItem? r) => r is null ? null : new RelatedView(r.Url, r.Title, r.Source, CoverageViews.Iso(r.Published));
}

/// <summary>A subscribed feed and its health (status: new, ok, failing, gone); <c>id</c> is what DELETE api/feeds/{id} takes.</summary>
public sealed record FeedView(
    string Id, string Url, string? Title, string Added, string Status, string? LastAttempt, string? LastSuccess,
    string? LastError, string? LastErrorAt, int ConsecutiveFailures, string? NextPoll, long ItemsStored)
{
    public static FeedView From(SubscribedFeed f) => new(
        FeedSource.KeyOf(f.Url), f.Url, f.Title, CoverageViews.Iso(f.Added), f.Status, Iso(f.LastAttempt), Iso(f.LastSuccess),
        f.LastError, Iso(f.LastErrorAt), f.ConsecutiveFailures, Iso(f.NextPoll), f.ItemsStored);

    private static string? Iso(DateTimeOffset? time) => time is { } t ? CoverageViews.Iso(t) : null;
}

/// <summary>The body of POST api/feeds. <c>check</c> (default true) fetches the URL first, as `monitor feeds add` does.</summary>
public sealed record AddFeedRequest(string? Url, string? Title, bool? Check);

/// <summary>A feed a web page links, offered when the page links several.</summary>
public sealed record FeedCandidateView(string Url, string? Title);
