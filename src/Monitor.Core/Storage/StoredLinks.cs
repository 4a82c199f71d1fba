using System.Text.Json;
using Monitor.Core.Linking;

namespace Monitor.Core.Storage;

/// <summary>The links of one item as stored in every coverage row of it (JSON): topics and claims with score and evidence.</summary>
public sealed record StoredLinks(IReadOnlyList<StoredLink> Topics, IReadOnlyList<StoredLink> Claims)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static StoredLinks From(CoverageLink link) => new(
        link.Topics.Select(t => new StoredLink(t.TopicId, t.Score, t.Evidence.Terms, t.Evidence.Sentence, t.Evidence.Signals)).ToList(),
        link.Claims.Select(c => new StoredLink(c.ClaimId, c.Score, c.Evidence.Terms, c.Evidence.Sentence, c.Evidence.Signals)).ToList());

    public static StoredLinks Parse(string? json) =>
        (string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<StoredLinks>(json, JsonOptions)) ?? new([], []);
}

public sealed record StoredLink(string Id, double Score, IReadOnlyList<string> Terms, string Sentence, LinkSignals? Signals = null);
