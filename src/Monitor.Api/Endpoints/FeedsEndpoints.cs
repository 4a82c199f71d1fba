using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Monitor.Api.Http;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Query;
using Monitor.Core.Storage;

namespace Monitor.Api.Endpoints;

/// <summary>
/// GET api/feeds (every subscription with its health), POST api/feeds (subscribe, checked as `monitor feeds
/// add` checks) and DELETE api/feeds/{id} (unsubscribe; stored items and coverage stay).
/// </summary>
public sealed class FeedsEndpoints(SubscriptionStore subscriptions, FeedStateStore states, FeedProbe probe, ApiGuard guard)
{
    private const int MaxBodyBytes = 16 * 1024;

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) => guard.RunAsync(request, async () =>
        ApiResults.Json(await ViewsAsync(cancellationToken).ConfigureAwait(false)));

    public Task<IResult> AddAsync(HttpRequest request, CancellationToken cancellationToken) => guard.RunAsync(request, async () =>
    {
        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(body.Url))
            throw new ApiProblemException(ApiProblem.InvalidBody("the body needs 'url': the feed's URL, or a web page that links its feeds"));
        if (!FeedList.TryNormaliseUrl(body.Url, out var url))
            throw new ApiProblemException(ApiProblem.InvalidParameter("url", FeedList.InvalidUrl(body.Url)));
        var title = string.IsNullOrWhiteSpace(body.Title) ? null : body.Title.Trim();

        if (await subscriptions.GetAsync(url, cancellationToken).ConfigureAwait(false) is not null)
            return ApiResults.Json(await ViewOfAsync(url, cancellationToken).ConfigureAwait(false));
        var feed = body.Check == false ? new FeedSource(url, title) : await CheckAsync(url, title, cancellationToken).ConfigureAwait(false);
        var added = await subscriptions.AddAsync(feed, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(await ViewOfAsync(feed.Url, cancellationToken).ConfigureAwait(false),
            added ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    });

    public Task<IResult> RemoveAsync(HttpRequest request, string id, CancellationToken cancellationToken) => guard.RunAsync(request, async () =>
    {
        var subscription = (await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Key == id)
            ?? throw new ApiProblemException(ApiProblem.UnknownFeed($"no subscribed feed has the id '{id}' (see GET api/feeds)"));
        if (!await subscriptions.RemoveAsync(subscription.Url, cancellationToken).ConfigureAwait(false))
            throw new ApiProblemException(ApiProblem.UnknownFeed($"no subscribed feed has the id '{id}' (see GET api/feeds)"));
        return ApiResults.NoContent();
    });

    /// <summary>
    /// The feed to subscribe: the URL itself if it serves a feed, or the one feed the page at URL links. Fetched
    /// with the poller's fetcher, so its limits and private-network policy apply.
    /// </summary>
    private async Task<FeedSource> CheckAsync(string url, string? title, CancellationToken cancellationToken)
    {
        var result = await probe.ProbeAsync(url, cancellationToken).ConfigureAwait(false);
        if (result.Kind == ProbeKind.Feed) return new FeedSource(url, title ?? result.Title);
        if (result.Kind == ProbeKind.Failed)
            throw new ApiProblemException(ApiProblem.FeedNotReadable($"cannot subscribe {url}: {result.Reason}; send \"check\": false to subscribe it without checking"));
        switch (result.Candidates.Count)
        {
            case 0:
                throw new ApiProblemException(ApiProblem.FeedNotReadable($"{url} is a web page that links no feed (no <link rel=\"alternate\"> to RSS, Atom or JSON Feed)"));
            case > 1:
                throw new ApiProblemException(ApiProblem.SeveralFeeds($"{url} links {result.Candidates.Count} feeds: subscribe one of them (see 'candidates')",
                    result.Candidates.Select(c => (object)new FeedCandidateView(c.Url, c.Title)).ToList()));
        }
        var linked = result.Candidates[0];
        var check = await probe.ProbeAsync(linked.Url, cancellationToken).ConfigureAwait(false);
        if (check.Kind != ProbeKind.Feed)
            throw new ApiProblemException(ApiProblem.FeedNotReadable($"cannot subscribe {linked.Url} (linked from {url}): {check.Reason ?? "a web page, not a feed"}"));
        return new FeedSource(linked.Url, title ?? check.Title ?? linked.Title);
    }

    /// <summary>JSON only: a cross-site form cannot send it without a CORS preflight, which the API never grants.</summary>
    private static async Task<AddFeedRequest> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            throw new ApiProblemException(ApiProblem.UnsupportedMediaType("send the body as application/json, e.g. {\"url\": \"https://example.org/feed.xml\"}"));
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw new ApiProblemException(ApiProblem.InvalidBody($"the body is larger than {MaxBodyBytes} bytes"));
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return JsonSerializer.Deserialize<AddFeedRequest>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), CoverageViews.Json)
                   ?? throw new ApiProblemException(ApiProblem.InvalidBody("the body is JSON null; send {\"url\": \"...\"}"));
        }
        catch (JsonException e)
        {
            throw new ApiProblemException(ApiProblem.InvalidBody($"the body is not the JSON expected ({{\"url\": string, \"title\": string, \"check\": boolean}}): not valid at {e.Path ?? "$"} (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"));
        }
    }

    private async Task<IReadOnlyList<FeedView>> ViewsAsync(CancellationToken cancellationToken)
    {
        var list = await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false);
        var health = await states.LoadAllAsync(cancellationToken).ConfigureAwait(false);
        return SubscribedFeed.Combine(list, health).Select(FeedView.From).ToList();
    }

    private async Task<FeedView> ViewOfAsync(string url, CancellationToken cancellationToken) =>
        (await ViewsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.Url == url)
        ?? throw new ApiProblemException(ApiProblem.UnknownFeed($"{url} was unsubscribed meanwhile"));
}
