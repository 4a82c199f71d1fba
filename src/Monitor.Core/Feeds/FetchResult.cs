namespace Monitor.Core.Feeds;

/// <summary>Ok: a body to parse. NotModified: a 304. Gone: a 410, the feed is marked gone. Failed: see the reason.</summary>
public enum FetchStatus { Ok, NotModified, Failed, Gone }

/// <summary>
/// The outcome of one feed request; a failure carries a short reason for the feed's health record.
/// <see cref="NotBefore"/> is the earliest time the server wants to be asked again (Retry-After on 429/503,
/// Cache-Control max-age on a success), or null when it said nothing.
/// </summary>
public sealed record FetchResult(FetchStatus Status, byte[] Body, string? ContentType, string? ETag, string? LastModified, string? Error, int? HttpStatus)
{
    public DateTimeOffset? NotBefore { get; init; }

    public static FetchResult Fail(string reason, int? httpStatus = null) => new(FetchStatus.Failed, [], null, null, null, reason, httpStatus);
}
