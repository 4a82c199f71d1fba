using System.Net;

namespace Monitor.Core.Feeds.Fetching;

/// <summary>
/// The fetcher follows redirects itself, one hop at a time, so every hop goes through the scheme rule, the
/// hop count, the per-host limit and the address check at connect time.
/// </summary>
internal static class Redirects
{
    /// <summary>True for the statuses that are followed: 301, 302, 303, 307, 308.</summary>
    public static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    /// <summary>The next URL (relative Locations resolved against the current one), or null and a one-line refusal.</summary>
    public static Uri? Next(Uri current, HttpResponseMessage response, out string? refusal)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location;
        if (location is null)
        {
            refusal = $"HTTP {status} redirect without a usable Location header";
            return null;
        }
        if (!location.IsAbsoluteUri && !Uri.TryCreate(current, location, out location))
        {
            refusal = $"HTTP {status} redirect to an unusable location";
            return null;
        }
        if (!FetchUrls.IsHttp(location))
        {
            refusal = $"HTTP {status} redirect to a non-http(s) URL refused: {FetchUrls.Short(location)}";
            return null;
        }
        // As HttpClient's own redirect handling: a feed fetched over TLS must not continue in clear text.
        if (current.Scheme == Uri.UriSchemeHttps && location.Scheme == Uri.UriSchemeHttp)
        {
            refusal = $"HTTP {status} redirect from https to http refused: {FetchUrls.Short(location)}";
            return null;
        }
        refusal = null;
        return location;
    }
}
