using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Core.Feeds;

namespace Monitor.Core.Polling;

/// <summary>
/// One work message: feeds of one or a few hosts, processed by one worker as a small polling pass. It carries
/// the feeds themselves, not their state: a worker reads the state when it runs, so a late or repeated message
/// works from what is stored then.
/// </summary>
public sealed record PollShard(string Id, IReadOnlyList<FeedSource> Feeds)
{
    /// <summary>Azure's limit is 64 KiB per message, base64-encoded: about 48 KiB of JSON.</summary>
    public const int MaxJsonBytes = 46 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The shard in a message body; a body that is not one throws <see cref="FormatException"/> with the reason.</summary>
    public static PollShard Parse(string body)
    {
        PollShard? shard;
        try { shard = JsonSerializer.Deserialize<PollShard>(body, Json); }
        catch (JsonException e) { throw new FormatException($"not a shard message: {e.Message}", e); }
        if (shard is null || string.IsNullOrEmpty(shard.Id) || shard.Feeds is null || shard.Feeds.Any(f => string.IsNullOrEmpty(f?.Url)))
            throw new FormatException("not a shard message: an id and a list of feeds with URLs are required");
        return shard;
    }

    /// <summary>The size of one feed in the message (its JSON, with a margin for the separators).</summary>
    internal static int JsonBytes(FeedSource feed) => JsonSerializer.SerializeToUtf8Bytes(feed, Json).Length + 2;
}
