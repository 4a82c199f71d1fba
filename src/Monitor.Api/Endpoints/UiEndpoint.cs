using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Monitor.Api.Http;
using Monitor.Api.Page;
using Monitor.Core.Articles;
using Monitor.Core.Query;
using Monitor.Core.Storage;

namespace Monitor.Api.Endpoints;

/// <summary>
/// The page (GET / on `monitor serve`, GET api/ui in the Functions app): HTML rendered here, with the same
/// parameters as the coverage endpoint. Errors are shown on the page, with the status code they have in the API.
/// </summary>
public sealed class UiEndpoint(ArticleCatalog catalog, CoverageQuery query, CoveragePager pager, ILogger<UiEndpoint> logger)
{
    /// <summary>Newest stories per topic on the overview.</summary>
    private const int OverviewItems = 3;

    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var filters = new PageFilters(RequestValues.Text(request, "article"), RequestValues.Text(request, "topic"), RequestValues.Text(request, "claim"),
            RequestValues.Text(request, "since"), RequestValues.Text(request, "until"), PageFilters.DefaultLimit, RequestValues.Text(request, "code"));
        var apiBase = request.PathBase.Add("/api").Value!;
        var status = StatusCodes.Status200OK;
        PageModel model;
        try
        {
            model = await BuildAsync(request, filters, apiBase, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiProblemException e)
        {
            status = e.Problem.Status;
            model = new PageModel(catalog, catalog.Articles.FirstOrDefault(a => a.Id == filters.Article) ?? catalog.Default, null, filters, apiBase) { Error = e.Problem.Detail };
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            logger.LogWarning(e, "GET {Path}: storage failed", request.Path.Value);
            status = StatusCodes.Status503ServiceUnavailable;
            model = new PageModel(catalog, catalog.Default, null, filters, apiBase) { Error = ApiProblem.StorageUnavailable().Detail };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var traceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? request.HttpContext.TraceIdentifier;
            logger.LogError(e, "GET {Path} failed (trace id {TraceId})", request.Path.Value, traceId);
            status = StatusCodes.Status500InternalServerError;
            model = new PageModel(catalog, catalog.Default, null, filters, apiBase) { Error = ApiProblem.Internal(traceId).Detail };
        }

        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var headers = new Dictionary<string, string>
        {
            // No script at all; the one style block is allowed by its nonce. Links to originals send no referrer
            // (the page URL may hold a function key).
            ["Content-Security-Policy"] = $"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            ["Referrer-Policy"] = "no-referrer",
            ["Cache-Control"] = "no-store",
        };
        return ApiResults.Text(StoryPage.Render(model, nonce), "text/html; charset=utf-8", status, headers);
    }

    private async Task<PageModel> BuildAsync(HttpRequest request, PageFilters filters, string apiBase, CancellationToken cancellationToken)
    {
        var article = RequestValues.Article(catalog, filters.Article);
        filters = filters with { Limit = RequestValues.Limit(request, PageFilters.DefaultLimit, PageFilters.MaxLimit) };
        var (since, until) = RequestValues.Window(request);
        var topic = filters.Topic is { } topicId ? RequestValues.Topic(article, topicId) : null;
        var claim = filters.Claim is { } claimId ? RequestValues.Claim(article, claimId) : null;
        // A claim chosen without a topic is shown under its first topic.
        if (claim is not null)
        {
            topic ??= RequestValues.Topic(article, claim.TopicIds[0]);
            RequestValues.ClaimUnder(article, topic, claim.Id);
        }
        var summary = query.SummariseAsync(article.Id, cancellationToken);

        if (topic is null)
        {
            var newest = article.Topics.Select(t => query.GetAsync(
                new CoverageRequest(t.Id) { ArticleId = article.Id, Since = since, Until = until, Limit = OverviewItems }, cancellationToken)).ToList();
            var blocks = article.Topics.Zip(await Task.WhenAll(newest).ConfigureAwait(false), (t, items) => new TopicBlock(t, items)).ToList();
            return new PageModel(catalog, article, await summary.ConfigureAwait(false), filters, apiBase) { Overview = blocks };
        }

        var scope = ContinuationToken.Scope(article.Id, topic.Id, claim?.Id, since, until);
        var token = RequestValues.Text(request, "continuation") is { } text ? ContinuationToken.Decode(text, scope) : null;
        var page = await pager.ReadAsync(new CoverageRequest(topic.Id) { ArticleId = article.Id, ClaimId = claim?.Id, Since = since, Until = until, Limit = filters.Limit },
            token, cancellationToken).ConfigureAwait(false);
        return new PageModel(catalog, article, await summary.ConfigureAwait(false), filters, apiBase)
        {
            Topic = topic,
            Claim = claim,
            Coverage = page,
            Next = page.Continuation is { } next ? ContinuationToken.Encode(next, scope) : null,
        };
    }
}
