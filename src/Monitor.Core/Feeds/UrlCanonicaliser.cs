namespace Monitor.Core.Feeds;

/// <summary>
/// One spelling per URL, so one article reached through several links is stored once:
/// lower-case scheme and host, no default port, no fragment, no tracking parameters.
/// </summary>
public static class UrlCanonicaliser
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ref_src", "cmpid", "ocid",
    };

    /// <summary>The canonical form, or null when <paramref name="url"/> is not an absolute http(s) URL.</summary>
    public static string? Canonicalise(string? url, string? baseUrl = null)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        url = url.Trim();
        Uri? uri;
        if (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is "file")
        {
            if (baseUrl is null || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) || !Uri.TryCreate(b, url, out uri))
                return null;
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;

        var builder = new UriBuilder(uri) { Fragment = "", Host = uri.Host.ToLowerInvariant() };
        if (uri.IsDefaultPort) builder.Port = -1;
        var kept = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTracking(p.Split('=')[0]));
        builder.Query = string.Join('&', kept);
        return builder.Uri.AbsoluteUri;
    }

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);
}
