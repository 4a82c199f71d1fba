using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Core.Articles;

namespace Monitor.Core.Query;

/// <summary>
/// The JSON shapes of coverage and topics, shared by the CLI's --json output and the HTTP API so both say
/// the same thing the same way.
/// </summary>
public static class CoverageViews
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static CoverageItemView ToView(CoverageEntry e) => new(
        e.Url, e.Title, Iso(e.Published), e.Source, e.Summary, e.Score,
        new EvidenceView(e.Terms, e.Sentence, e.Signals), e.Topics,
        e.Claims.Select(c => new ClaimLinkView(c.Id, c.Score, new EvidenceView(c.Terms, c.Sentence, c.Signals))).ToList(),
        e.Sources,
        e.AlsoReported.Select(r => new RelatedView(r.Url, r.Title, r.Source, Iso(r.Published))).ToList())
    { Lang = e.Lang.Length > 0 ? e.Lang : null };

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<TopicView> ToViews(TopicSummary summary) =>
        summary.Article.Topics.Select(t => new TopicView(
            t.Id, t.Name, t.Description, summary.CountOf(t.Id), IsoOrNull(summary.StatsOf(t.Id).First), IsoOrNull(summary.StatsOf(t.Id).Latest),
            // Under a topic, a claim counts its items linked to that topic too: its total spans all its topics.
            summary.Article.ClaimsOf(t.Id).Select(c => ToView(c, summary.StatsOf(c.Id, t.Id))).ToList())).ToList();

    public static IReadOnlyList<ClaimView> ClaimViews(TopicSummary summary) =>
        summary.Article.Claims.Select(c => ToView(c, summary.StatsOf(c.Id))).ToList();

    private static ClaimView ToView(Claim c, LinkCount stats) =>
        new(c.Id, c.TopicIds, c.Text, stats.Items, IsoOrNull(stats.First), IsoOrNull(stats.Latest));

    private static string? IsoOrNull(DateTimeOffset? time) => time is { } t ? Iso(t) : null;
}

/// <summary>Why: the matched terms, the sentence holding most of them, and the signals behind the score.</summary>
public sealed record EvidenceView(IReadOnlyList<string> Terms, string Sentence, Monitor.Core.Linking.LinkSignals? Signals = null);

public sealed record ClaimLinkView(string Id, double Score, EvidenceView Evidence);

/// <summary>
/// One coverage item (a story): <c>published</c> is ISO 8601 UTC; score and evidence are the asked topic's;
/// <c>lang</c> its language; <c>sources</c> every outlet that carried it; <c>alsoReported</c> near-duplicate copies grouped under it.
/// </summary>
public sealed record CoverageItemView(
    string Url, string Title, string Published, string Source, string Summary, double Score,
    EvidenceView Evidence, IReadOnlyList<string> Topics, IReadOnlyList<ClaimLinkView> Claims,
    IReadOnlyList<string> Sources, IReadOnlyList<RelatedView> AlsoReported)
{
    /// <summary>The item's language, ISO 639-1 ("en", "ru", "hy", ...); absent for items stored before languages were identified (run relink).</summary>
    public string? Lang { get; init; }
}

/// <summary>Another outlet's copy of the same story, grouped under the item shown.</summary>
public sealed record RelatedView(string Url, string Title, string Source, string Published);

/// <summary>A claim with how many items bear on it and when the first and latest of them were published (ISO 8601 UTC).</summary>
public sealed record ClaimView(string Id, IReadOnlyList<string> Topics, string Text, int Items, string? First, string? Latest);

public sealed record TopicView(string Id, string Name, string Description, int Items, string? First, string? Latest, IReadOnlyList<ClaimView> Claims);
