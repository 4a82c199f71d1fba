using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Monitor.Api.Http;
using Monitor.Core.Articles;
using Monitor.Core.Query;

namespace Monitor.Api.Endpoints;

/// <summary>GET api/topics (counts per topic and claim) and GET api/topics/{topic}/coverage (one page of coverage).</summary>
public sealed class TopicsEndpoints(ArticleCatalog catalog, CoverageQuery query, CoveragePager pager, PageCache cache, ApiGuard guard)
{
    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) => guard.RunAsync(request, async () =>
    {
        var article = RequestValues.Article(catalog, request);
        var summary = await query.SummariseAsync(article.Id, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(CoverageViews.ToViews(summary));
    });

    public Task<IResult> CoverageAsync(HttpRequest request, string topic, CancellationToken cancellationToken) => guard.RunAsync(request, async () =>
    {
        var article = RequestValues.Article(catalog, request);
        var asked = RequestValues.Topic(article, topic);
        var claim = RequestValues.Text(request, "claim") is { } claimId ? RequestValues.ClaimUnder(article, asked, claimId) : null;
        var (since, until) = RequestValues.Window(request);
        var limit = RequestValues.Limit(request, CoverageRequest.DefaultLimit);
        var scope = ContinuationToken.Scope(article.Id, asked.Id, claim?.Id, since, until);
        var token = RequestValues.Text(request, "continuation") is { } text ? ContinuationToken.Decode(text, scope) : null;

        var coverage = new CoverageRequest(asked.Id) { ArticleId = article.Id, ClaimId = claim?.Id, Since = since, Until = until, Limit = limit };
        var body = await cache.GetAsync(CacheKey(request), async () =>
        {
            CoveragePage page;
            try
            {
                page = await pager.ReadAsync(coverage, token, CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (token is not null && e.Status == StatusCodes.Status400BadRequest)
            {
                throw new ApiProblemException(ApiProblem.InvalidContinuation("the continuation token is not valid: storage refused to resume from it"));
            }
            var next = page.Continuation is { } c ? ContinuationToken.Encode(c, scope) : null;
            return JsonSerializer.SerializeToUtf8Bytes(new CoveragePageView(article.Id, asked.Id, claim?.Id, Iso(since), Iso(until), limit,
                page.Stories.Select(CoverageViews.ToView).ToList(), next, next is null ? null : NextUrl(request, next)), ApiResults.JsonOptions);
        }, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(body);
    });

    /// <summary>The request as the response depends on it: path and query, less a function key.</summary>
    private static string CacheKey(HttpRequest request) =>
        request.Path.Value + "?" + string.Join("&", request.Query.Where(q => q.Key != "code")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")); // escaped: "x=1%26limit%3D1" is not "x=1&limit=1"

    /// <summary>The same request with the new token. A function key given as ?code= is left out: the body must not echo secrets.</summary>
    private static string NextUrl(HttpRequest request, string continuation)
    {
        var query = new QueryBuilder();
        foreach (var (name, values) in request.Query)
        {
            if (name is "continuation" or "code") continue;
            foreach (var value in values) if (value is not null) query.Add(name, value);
        }
        query.Add("continuation", continuation);
        return request.PathBase.Add(request.Path).Value + query.ToQueryString().Value;
    }

    private static string? Iso(DateTimeOffset? time) => time is { } t ? CoverageViews.Iso(t) : null;
}
