namespace Monitor.Core.Query;

/// <summary>"What has been said since <see cref="Since"/> about <see cref="TopicId"/> (and <see cref="ClaimId"/>)?"</summary>
public sealed record CoverageRequest(string TopicId)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 10_000;

    public string? ClaimId { get; init; }
    public DateTimeOffset? Since { get; init; }
    /// <summary>Only items published before this instant (exclusive, so [since, until) windows tile).</summary>
    public DateTimeOffset? Until { get; init; }
    public int Limit { get; init; } = DefaultLimit;
    /// <summary>The followed article; null for the default (seed) article.</summary>
    public string? ArticleId { get; init; }
}
