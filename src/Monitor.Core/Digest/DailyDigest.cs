using Monitor.Core.Articles;
using Monitor.Core.Linking;
using Monitor.Core.Query;

namespace Monitor.Core.Digest;

/// <summary>The local date a digest is for, and the span of coverage it reports: first seen in [Start, End).</summary>
public sealed record DigestPeriod(DateOnly Date, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Why a story is in the digest: the matched terms, the sentence holding most of them, the score and its signals.</summary>
public sealed record DigestEvidence(double Score, IReadOnlyList<string> Terms, string Sentence, LinkSignals? Signals);

/// <summary>One story (near-duplicates folded into <see cref="CoverageEntry.AlsoReported"/>), placed under one topic and claim.</summary>
public sealed record DigestStory(CoverageEntry Entry, DigestEvidence Why, IReadOnlyList<Claim> OtherClaims, IReadOnlyList<Topic> AlsoAbout);

/// <summary>The stories of a topic that bear on one claim; <see cref="Claim"/> is null for those bearing on none of its claims.</summary>
public sealed record DigestClaimGroup(Claim? Claim, IReadOnlyList<DigestStory> Stories);

/// <summary>
/// A topic with how many new stories touch it, those shown here by claim, and those also about it that are
/// shown under a busier topic (each story is shown once).
/// </summary>
public sealed record DigestTopic(Topic Topic, int Stories, IReadOnlyList<DigestClaimGroup> Groups)
{
    public IReadOnlyList<ShownElsewhere> Elsewhere { get; init; } = [];
}

/// <summary>A story also about a topic, shown under <see cref="Home"/>.</summary>
public sealed record ShownElsewhere(CoverageEntry Entry, Topic Home);

/// <summary>A claim that new stories bear on, and how many.</summary>
public sealed record ClaimMove(Claim Claim, int Stories);

/// <summary>
/// A feed in trouble: failing for longer than Digest:TroubleAfter since its last success, or failing and never once
/// fetched successfully (then from its first failure); <see cref="FailingSince"/> is null when it never worked.
/// </summary>
public sealed record FeedTrouble(string Url, string? Title, string? LastError, DateTimeOffset? FailingSince, int ConsecutiveFailures, bool Gone);

/// <summary>How many feeds were polled in the period, out of how many configured, how many failed their last attempt, and which are in trouble.</summary>
public sealed record FeedCheck(int Checked, int Configured, IReadOnlyList<FeedTrouble> Trouble, int Failing = 0);

/// <summary>One recipient's digest for one period: topics by activity, their claims and stories, and the feeds' health.</summary>
public sealed record DailyDigest(
    Recipient Recipient,
    Article Article,
    DigestPeriod Period,
    TimeZoneInfo Zone,
    IReadOnlyList<DigestTopic> Topics,
    IReadOnlyList<ClaimMove> ClaimsMoved,
    int Stories,
    FeedCheck Feeds)
{
    /// <summary>The ids of every item shown (leads and folded copies), recorded so the next digest does not repeat them.</summary>
    public IReadOnlyList<string> ItemIds { get; init; } = [];

    /// <summary>Nothing new and no feed in trouble: what Digest:SkipEmpty skips.</summary>
    public bool IsQuiet => Stories == 0 && Feeds.Trouble.Count == 0;

    public DateTimeOffset Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);
}
