namespace Monitor.Core.Feeds;

public enum FetchStatus { Ok, NotModified, Failed }

/// <summary>The outcome of one feed request; a failure carries a short reason for the feed's health record.</summary>
public sealed record FetchResult(FetchStatus Status, byte[] Body, string? ContentType, string? ETag, string? LastModified, string? Error, int? HttpStatus)
{
    public static FetchResult Fail(string reason, int? httpStatus = null) => new(FetchStatus.Failed, [], null, null, null, reason, httpStatus);
}
