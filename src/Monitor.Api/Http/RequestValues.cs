using System.Globalization;
using Microsoft.AspNetCore.Http;
using Monitor.Core.Articles;

namespace Monitor.Api.Http;

/// <summary>Reads query parameters and ids into values, or a problem that names the parameter and what is wrong.</summary>
public static class RequestValues
{
    /// <summary>The API's page size bounds; the CLI keeps its own maximum.</summary>
    public const int MinLimit = 1;
    public const int MaxLimit = 500;

    public static string? Text(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static DateTimeOffset? Date(HttpRequest request, string name)
    {
        if (Text(request, name) is not { } text) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            return date;
        throw new ApiProblemException(ApiProblem.InvalidDate(name, $"{name}: '{text}' is not a date; use ISO 8601, e.g. 2022-09-20 or 2022-09-20T12:00:00Z"));
    }

    public static (DateTimeOffset? Since, DateTimeOffset? Until) Window(HttpRequest request)
    {
        var since = Date(request, "since");
        var until = Date(request, "until");
        if (since is { } s && until is { } u && u <= s)
            throw new ApiProblemException(ApiProblem.InvalidDate("until", $"until ({Iso(u)}) must be later than since ({Iso(s)})"));
        return (since, until);
    }

    public static int Limit(HttpRequest request, int fallback, int max = MaxLimit)
    {
        if (Text(request, "limit") is not { } text) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit))
            throw new ApiProblemException(ApiProblem.InvalidLimit($"limit: '{text}' is not a whole number"));
        if (limit is < MinLimit || limit > max)
            throw new ApiProblemException(ApiProblem.InvalidLimit($"limit: must be between {MinLimit} and {max}, not {limit}"));
        return limit;
    }

    public static Article Article(ArticleCatalog catalog, HttpRequest request) => Article(catalog, Text(request, "article"));

    public static Article Article(ArticleCatalog catalog, string? id) =>
        id is null ? catalog.Default : catalog.Articles.FirstOrDefault(a => a.Id == id) ?? throw new ApiProblemException(ApiProblem.UnknownArticle(
            $"unknown article '{id}'; known articles: {string.Join(", ", catalog.Articles.Select(a => a.Id))}"));

    public static Topic Topic(Article article, string id) =>
        article.FindTopic(id) ?? throw new ApiProblemException(ApiProblem.UnknownTopic(
            $"unknown topic '{id}'; known topics: {string.Join(", ", article.Topics.Select(t => t.Id))}"));

    public static Claim Claim(Article article, string id) =>
        article.FindClaim(id) ?? throw new ApiProblemException(ApiProblem.UnknownClaim(
            $"unknown claim '{id}'; known claims: {string.Join(", ", article.Claims.Select(c => c.Id))}"));

    /// <summary>A claim filter on a topic's coverage: the claim must exist and sit under the topic.</summary>
    public static Claim ClaimUnder(Article article, Topic topic, string id)
    {
        var claim = Claim(article, id);
        if (!claim.TopicIds.Contains(topic.Id))
            throw new ApiProblemException(ApiProblem.InvalidParameter("claim",
                $"claim '{claim.Id}' is not under topic '{topic.Id}' (it belongs to {string.Join(", ", claim.TopicIds)}); claims of '{topic.Id}': {string.Join(", ", article.ClaimsOf(topic.Id).Select(c => c.Id))}"));
        return claim;
    }

    private static string Iso(DateTimeOffset time) => Monitor.Core.Query.CoverageViews.Iso(time);
}
