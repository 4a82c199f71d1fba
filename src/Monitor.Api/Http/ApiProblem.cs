using Microsoft.AspNetCore.Http;

namespace Monitor.Api.Http;

/// <summary>
/// An RFC 9457 problem: <c>type</c> names the kind of error (a stable URN clients can switch on), <c>detail</c>
/// says what to fix. Extension members (e.g. <c>parameter</c>, <c>candidates</c>) add what a client needs.
/// </summary>
public sealed record ApiProblem(int Status, string Type, string Title, string Detail)
{
    public const string TypePrefix = "urn:monitor:problem:";

    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    public static ApiProblem UnknownArticle(string detail) => new(StatusCodes.Status404NotFound, TypePrefix + "unknown-article", "Unknown article", detail);
    public static ApiProblem UnknownTopic(string detail) => new(StatusCodes.Status404NotFound, TypePrefix + "unknown-topic", "Unknown topic", detail);
    public static ApiProblem UnknownClaim(string detail) => new(StatusCodes.Status404NotFound, TypePrefix + "unknown-claim", "Unknown claim", detail);
    public static ApiProblem UnknownFeed(string detail) => new(StatusCodes.Status404NotFound, TypePrefix + "unknown-feed", "Unknown feed", detail);
    public static ApiProblem NotFound(string detail) => new(StatusCodes.Status404NotFound, TypePrefix + "not-found", "No such endpoint", detail);

    public static ApiProblem InvalidParameter(string parameter, string detail) =>
        new(StatusCodes.Status400BadRequest, TypePrefix + "invalid-parameter", "Invalid parameter", detail) { Extensions = new Dictionary<string, object?> { ["parameter"] = parameter } };
    public static ApiProblem InvalidDate(string parameter, string detail) =>
        new(StatusCodes.Status400BadRequest, TypePrefix + "invalid-date", "Invalid date", detail) { Extensions = new Dictionary<string, object?> { ["parameter"] = parameter } };
    public static ApiProblem InvalidLimit(string detail) =>
        new(StatusCodes.Status400BadRequest, TypePrefix + "invalid-limit", "Invalid limit", detail) { Extensions = new Dictionary<string, object?> { ["parameter"] = "limit" } };
    public static ApiProblem InvalidContinuation(string detail) =>
        new(StatusCodes.Status400BadRequest, TypePrefix + "invalid-continuation", "Invalid continuation token", detail) { Extensions = new Dictionary<string, object?> { ["parameter"] = "continuation" } };
    public static ApiProblem InvalidBody(string detail) => new(StatusCodes.Status400BadRequest, TypePrefix + "invalid-body", "Invalid request body", detail);
    public static ApiProblem UnsupportedMediaType(string detail) => new(StatusCodes.Status415UnsupportedMediaType, TypePrefix + "unsupported-media-type", "Unsupported media type", detail);
    public static ApiProblem FeedNotReadable(string detail) => new(StatusCodes.Status422UnprocessableEntity, TypePrefix + "feed-not-readable", "Not a readable feed", detail);
    public static ApiProblem SeveralFeeds(string detail, IReadOnlyList<object> candidates) =>
        new(StatusCodes.Status422UnprocessableEntity, TypePrefix + "several-feeds", "The page links several feeds", detail) { Extensions = new Dictionary<string, object?> { ["candidates"] = candidates } };
    public static ApiProblem StorageUnavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, TypePrefix + "storage-unavailable", "Storage unavailable", "the storage is unreachable or refused the request; try again later");
    public static ApiProblem Internal(string traceId) =>
        new(StatusCodes.Status500InternalServerError, TypePrefix + "internal-error", "Internal error", $"an unexpected error occurred; it is logged under trace id {traceId}");
}

/// <summary>Thrown by a handler to answer with a problem; caught by <see cref="ApiGuard"/>.</summary>
public sealed class ApiProblemException(ApiProblem problem) : Exception(problem.Detail)
{
    public ApiProblem Problem { get; } = problem;
}
