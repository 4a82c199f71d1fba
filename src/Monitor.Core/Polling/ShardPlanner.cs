using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Fetching;

namespace Monitor.Core.Polling;

/// <summary>
/// Cuts the due feeds into shards. A host's feeds go to one shard, so the per-host limit of the worker that
/// runs it still bounds what that host sees when many instances run; small hosts are packed together so a
/// message carries enough work to be worth its queue round trip.
/// </summary>
public static class ShardPlanner
{
    public static IReadOnlyList<PollShard> Plan(IEnumerable<FeedSource> feeds, int shardFeeds, int maxShardFeeds, string passId)
    {
        var target = Math.Max(1, shardFeeds);
        var max = Math.Max(target, maxShardFeeds);
        var shards = new List<PollShard>();
        var current = new List<FeedSource>();
        var bytes = 0;
        foreach (var piece in feeds.GroupBy(f => HostOf(f.Url)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                                   .SelectMany(host => Pieces(host.ToList(), max)))
        {
            var pieceBytes = piece.Sum(PollShard.JsonBytes);
            if (current.Count > 0 && (current.Count + piece.Count > target || bytes + pieceBytes > PollShard.MaxJsonBytes)) Flush();
            current.AddRange(piece);
            bytes += pieceBytes;
        }
        if (current.Count > 0) Flush();
        return shards;

        void Flush()
        {
            shards.Add(new PollShard($"{passId}-{shards.Count + 1}", current));
            current = [];
            bytes = 0;
        }
    }

    /// <summary>A host's feeds in pieces of at most <paramref name="max"/> feeds and one message's bytes.</summary>
    private static IEnumerable<List<FeedSource>> Pieces(List<FeedSource> host, int max)
    {
        var piece = new List<FeedSource>();
        var bytes = 0;
        foreach (var feed in host)
        {
            var size = PollShard.JsonBytes(feed);
            if (piece.Count > 0 && (piece.Count == max || bytes + size > PollShard.MaxJsonBytes))
            {
                yield return piece;
                piece = [];
                bytes = 0;
            }
            piece.Add(feed);
            bytes += size;
        }
        if (piece.Count > 0) yield return piece;
    }

    private static string HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && FetchUrls.IsHttp(uri) ? FetchUrls.HostKey(uri) : "";
}
