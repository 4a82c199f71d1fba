using System.Buffers.Binary;
using System.Globalization;

namespace Monitor.Core.Storage;

/// <summary>
/// What Monitor remembers of one feed: HTTP validators, health, and the ids of the items it has already
/// delivered, so "seen before?" costs no storage read per item.
/// </summary>
public sealed class FeedState
{
    /// <summary>How many item ids are remembered per feed: 4,000 ids of 8 bytes fit one binary property (64 KiB).</summary>
    public const int MaxSeenIds = 4000;

    public required string Key { get; init; }
    public required string Url { get; init; }
    public string? Title { get; set; }
    public string? HttpETag { get; set; }
    public string? HttpLastModified { get; set; }
    public DateTimeOffset? LastAttempt { get; set; }
    public DateTimeOffset? LastSuccess { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public int ConsecutiveFailures { get; set; }
    /// <summary>When the feed is next due; null means every pass. Set by backoff, Retry-After and max-age.</summary>
    public DateTimeOffset? NextPoll { get; set; }
    /// <summary>The server answered 410 Gone; the feed is still tried, once a day, in case it comes back.</summary>
    public bool Gone { get; set; }
    public long ItemsStored { get; set; }
    /// <summary>
    /// Handed out to a queued shard until then (fan-out): a dispatcher does not hand the feed out again before it
    /// expires. A save of the state clears it, so it outlives its pass only when a worker died.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>Hash of the last body parsed ("!" first when it failed), so an unchanged body is not parsed again.</summary>
    public string? BodyHash { get; set; }

    /// <summary>Seen item ids, newest first (the 64-bit prefix of each item id).</summary>
    public List<ulong> Seen { get; set; } = [];

    /// <summary>The storage ETag the state was read with; null for a feed never stored.</summary>
    public Azure.ETag? StorageETag { get; set; }

    public static ulong SeenKey(string itemId) => ulong.Parse(itemId.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>Puts the ids of the latest fetch first and keeps the newest <see cref="MaxSeenIds"/>.</summary>
    public void Remember(IEnumerable<string> itemIds)
    {
        var latest = itemIds.Select(SeenKey).Distinct().ToList();
        var set = latest.ToHashSet();
        latest.AddRange(Seen.Where(set.Add));
        Seen = latest.Count > MaxSeenIds ? latest.GetRange(0, MaxSeenIds) : latest;
    }

    public void MergeSeen(IEnumerable<ulong> other)
    {
        var set = Seen.ToHashSet();
        Seen.AddRange(other.Where(set.Add));
        if (Seen.Count > MaxSeenIds) Seen.RemoveRange(MaxSeenIds, Seen.Count - MaxSeenIds);
    }

    public byte[] SeenBytes()
    {
        var bytes = new byte[Seen.Count * 8];
        for (var i = 0; i < Seen.Count; i++) BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(i * 8), Seen[i]);
        return bytes;
    }

    public static List<ulong> ReadSeen(byte[]? bytes)
    {
        var list = new List<ulong>((bytes?.Length ?? 0) / 8);
        for (var i = 0; bytes is not null && i + 8 <= bytes.Length; i += 8) list.Add(BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(i)));
        return list;
    }
}
