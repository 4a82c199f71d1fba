using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Monitor.Api.Http;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Query;

namespace Monitor.Api.Endpoints;

/// <summary>
/// GET api/feeds (every subscription with its health), POST api/feeds (subscribe, checked as `monitor feeds
/// add` checks) and DELETE api/feeds/{id} (unsubscribe; stored items and coverage stay).
/// </summary>
public sealed class FeedsEndpoints(SubscriptionStore subscriptions, SubscriptionHealth health, FeedSubscriber subscriber, ApiGuard guard)
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

        var result = await subscriber.SubscribeAsync(new SubscribeRequest(url, title, Check: body.Check != false), cancellationToken).ConfigureAwait(false);
        if (result.Outcome == SubscribeOutcome.AlreadySubscribed)
            return ApiResults.Json(await ViewOfAsync(url, cancellationToken).ConfigureAwait(false));
        var feed = Subscribed(result);
        return ApiResults.Json(await ViewOfAsync(feed.Feed.Url, cancellationToken).ConfigureAwait(false),
            feed.Added ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    });

    public Task<IResult> RemoveAsync(HttpRequest request, string id, CancellationToken cancellationToken) => guard.RunAsync(request, async () =>
    {
        var subscription = (await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Key == id)
            ?? throw new ApiProblemException(ApiProblem.UnknownFeed($"no subscribed feed has the id '{id}' (see GET api/feeds)"));
        if (!await subscriptions.RemoveAsync(subscription.Url, cancellationToken).ConfigureAwait(false))
            throw new ApiProblemException(ApiProblem.UnknownFeed($"no subscribed feed has the id '{id}' (see GET api/feeds)"));
        return ApiResults.NoContent();
    });

    /// <summary>The one feed subscribed (the URL, or the one feed its page links), or the problem that stopped it.</summary>
    private static FeedAttempt Subscribed(SubscribeResult result)
    {
        var url = result.Url;
        switch (result.Outcome)
        {
            case SubscribeOutcome.NotReadable when result.Linked.Count == 0:
                throw new ApiProblemException(ApiProblem.FeedNotReadable($"cannot subscribe {url}: {result.Reason}; send \"check\": false to subscribe it without checking"));
            case SubscribeOutcome.NotReadable:
                throw new ApiProblemException(ApiProblem.FeedNotReadable($"cannot subscribe {result.Unreadable} (linked from {url}): {result.Reason}"));
            case SubscribeOutcome.NoFeedLinked:
                throw new ApiProblemException(ApiProblem.FeedNotReadable($"{url} is a web page that links no feed (no <link rel=\"alternate\"> to RSS, Atom or JSON Feed)"));
            case SubscribeOutcome.SeveralFeeds:
                throw new ApiProblemException(ApiProblem.SeveralFeeds($"{url} links {result.Linked.Count} feeds: subscribe one of them (see 'candidates')",
                    result.Linked.Select(c => (object)new FeedCandidateView(c.Url, c.Title)).ToList()));
        }
        return result.Feeds.Single();
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
        var list = await health.ListAsync(cancellationToken).ConfigureAwait(false);
        return list.Select(FeedView.From).ToList();
    }

    private async Task<FeedView> ViewOfAsync(string url, CancellationToken cancellationToken) =>
        (await ViewsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(f => f.Url == url)
        ?? throw new ApiProblemException(ApiProblem.UnknownFeed($"{url} was unsubscribed meanwhile"));
}
