using Monitor.Core.Storage;

namespace Monitor.Core.Query;

/// <summary>Day counts summed: how many items, and the newest and oldest coverage row keys (newest sorts first).</summary>
internal sealed class CountSpan
{
    private int _n;
    private string? _newest, _oldest;

    public int Items => _n;
    public string? Newest => _newest;
    public string? Oldest => _oldest;

    public void Add(int items, string newest, string oldest)
    {
        if (items <= 0) return;
        _n += items;
        if (_newest is null || string.CompareOrdinal(newest, _newest) < 0) _newest = newest;
        if (_oldest is null || string.CompareOrdinal(oldest, _oldest) > 0) _oldest = oldest;
    }

    public LinkCount Count() => new(_n, CoverageStore.PublishedOf(_oldest), CoverageStore.PublishedOf(_newest));
}

internal static class CountSpans
{
    public static CountSpan GetOrAdd<TKey>(this Dictionary<TKey, CountSpan> spans, TKey key) where TKey : notnull
    {
        if (!spans.TryGetValue(key, out var span)) spans[key] = span = new CountSpan();
        return span;
    }
}
