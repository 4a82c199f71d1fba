namespace Monitor.Core.Storage;

/// <summary>
/// The cap on every string and date Monitor stores, applied where the value is made (normalising an item, taking
/// a feed's validators), never at the storage call. Azure allows 64 KiB per property (32,768 UTF-16 characters),
/// 1 MiB per entity and 4 MiB per transaction; these caps keep the largest row (an item: URL, title, summary,
/// source, feed URL) under 30 KiB. See docs/security.md for why each value.
/// </summary>
public static class StoredLimits
{
    /// <summary>Item links and feed URLs. Browsers and CDNs reject far shorter URLs; a longer one is treated as missing.</summary>
    public const int MaxUrl = 4096;
    /// <summary>A feed's own title as stored in its state.</summary>
    public const int MaxFeedTitle = 200;
    /// <summary>An HTTP validator (ETag, Last-Modified) kept for the next conditional GET; a longer one is dropped.</summary>
    public const int MaxValidator = 1024;
    /// <summary>A failure reason recorded in a feed's health.</summary>
    public const int MaxError = 1000;

    /// <summary>Azure's earliest DateTime (Edm.DateTime starts at 1601-01-01 UTC).</summary>
    public static readonly DateTimeOffset EarliestDate = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);
    /// <summary>A publication date further ahead than this is a broken clock or a typo, not news.</summary>
    public static readonly TimeSpan LatestAhead = TimeSpan.FromDays(366);

    /// <summary>The URL, or null when it is longer than <see cref="MaxUrl"/>.</summary>
    public static string? Url(string? url) => url is { Length: > MaxUrl } ? null : url;

    /// <summary>An HTTP validator, or null when it is longer than <see cref="MaxValidator"/> (the next fetch is then unconditional).</summary>
    public static string? Validator(string? value) => value is { Length: > MaxValidator } ? null : value;

    /// <summary>The date, or null when Azure cannot store it or it is absurdly far after <paramref name="now"/>.</summary>
    public static DateTimeOffset? Date(DateTimeOffset? date, DateTimeOffset now) =>
        date is { } d && (d < EarliestDate || d > now + LatestAhead) ? null : date;

    /// <summary>The text cut to <paramref name="max"/> characters (never inside a surrogate pair), with "…" when cut.</summary>
    public static string? Text(string? text, int max)
    {
        if (text is null || text.Length <= max) return text;
        var cut = max - 1;
        if (char.IsLowSurrogate(text[cut])) cut--;
        return text[..cut] + "…";
    }
}
