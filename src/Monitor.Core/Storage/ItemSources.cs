using Azure.Data.Tables;
using Monitor.Core.Feeds;

namespace Monitor.Core.Storage;

/// <summary>
/// Every source that carried an item, kept as one property per feed ("Src_" + the feed's key). Rows are
/// upserted in merge mode, so a second feed adds its source without a read and without losing the first.
/// </summary>
public static class ItemSources
{
    private const string Prefix = "Src_";

    public static string PropertyOf(FeedItem item) => Prefix + FeedSource.KeyOf(item.FeedUrl)[..16];

    /// <summary>The distinct sources of a stored row, the row's own Source first.</summary>
    public static IReadOnlyList<string> Read(TableEntity row)
    {
        var sources = new List<string>();
        if (row.GetString("Source") is { Length: > 0 } main) sources.Add(main);
        foreach (var (key, value) in row)
            if (key.StartsWith(Prefix, StringComparison.Ordinal) && value is string s && s.Length > 0 && !sources.Contains(s))
                sources.Add(s);
        return sources;
    }
}
