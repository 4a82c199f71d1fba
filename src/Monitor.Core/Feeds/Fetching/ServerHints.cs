using System.Globalization;
using System.Net.Http.Headers;

namespace Monitor.Core.Feeds.Fetching;

/// <summary>
/// When the server wants to be asked again: Retry-After (seconds or HTTP-date) on 429/503, Cache-Control
/// max-age on 200/304. Delays are capped, so a typo on the server cannot park a feed for a year; values that
/// do not parse (negative, overflowing, garbage) are ignored by the header parsers and give null.
/// </summary>
internal static class ServerHints
{
    /// <summary>Now plus the Retry-After delay, or null when there is none or it has already passed.</summary>
    public static DateTimeOffset? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now, TimeSpan cap)
    {
        var retry = headers.RetryAfter;
        if (retry?.Delta is { } delta) return After(now, delta, cap);
        // Measure an HTTP-date against the server's own Date header when it sent one: its clock may be off.
        if (retry?.Date is { } date) return After(now, date - (headers.Date ?? now), cap);
        return null;
    }

    /// <summary>Now plus what is left of max-age (minus Age from caches on the way), or null.</summary>
    public static DateTimeOffset? Freshness(HttpResponseHeaders headers, DateTimeOffset now, TimeSpan cap)
    {
        var cacheControl = headers.CacheControl;
        if (cacheControl is null || cacheControl.NoCache || cacheControl.NoStore || cacheControl.MaxAge is not { } maxAge) return null;
        return After(now, maxAge - (headers.Age ?? TimeSpan.Zero), cap);
    }

    private static DateTimeOffset? After(DateTimeOffset now, TimeSpan delay, TimeSpan cap) =>
        delay > TimeSpan.Zero && cap > TimeSpan.Zero ? now + (delay < cap ? delay : cap) : null;

    /// <summary>The wait in whole seconds, for reasons such as "retry after 120 s".</summary>
    public static string Describe(DateTimeOffset notBefore, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, Math.Ceiling((notBefore - now).TotalSeconds)):0} s");
}
