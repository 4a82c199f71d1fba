using System.Text.RegularExpressions;

namespace Monitor.Core.Feeds;

/// <summary>
/// One spelling per URL, so one article reached through several links is stored once: lower-case scheme and
/// host (ASCII form of an international name, no trailing dot), no default port, no user info, no fragment,
/// no session id in the path, no tracking parameters.
/// The path and the remaining parameters keep their case and order: servers may care about both.
/// </summary>
public static partial class UrlCanonicaliser
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        // ad and social click ids
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "ttclid", "li_fat_id", "igshid", "yclid", "srsltid",
        // mail and marketing tools
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid",
        // analytics and news-site campaign tags (BBC's at_*/ns_*, NYT's smid, WT.mc_id...)
        "_ga", "_gl", "ref_src", "cmpid", "ocid", "icid", "smid", "wt.mc_id", "wt_mc", "ns_mchannel", "ns_source",
        "ns_campaign", "ns_linkname", "ns_fee", "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
    };

    /// <summary>The canonical form, or null when <paramref name="url"/> is not an absolute http(s) URL (after resolving against <paramref name="baseUrl"/>).</summary>
    public static string? Canonicalise(string? url, string? baseUrl = null)
    {
        // Uri takes at most 65,519 characters; refusing longer text here also spares scanning megabytes of it.
        if (string.IsNullOrWhiteSpace(url) || url.Length > 65_519) return null;
        url = url.Trim();
        // On Unix "/a/b" parses as an absolute file: URI; feeds mean a path on the feed's site.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is "file")
        {
            if (baseUrl is null || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) || !Uri.TryCreate(b, url, out uri))
                return null;
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        if (uri.Host.Length == 0) return null;

        var builder = new UriBuilder(uri)
        {
            Fragment = "",
            UserName = "",
            Password = "",
            Host = uri.IdnHost.ToLowerInvariant().TrimEnd('.'),
            Path = SessionId().Replace(uri.AbsolutePath, ""),
        };
        if (uri.IsDefaultPort) builder.Port = -1;
        var kept = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTracking(Uri.UnescapeDataString(p.Split('=')[0])));
        builder.Query = string.Join('&', kept);
        return builder.Uri.AbsoluteUri;
    }

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);

    /// <summary>";jsessionid=…" and similar path parameters that servers add to every link they write.</summary>
    [GeneratedRegex(@";(jsessionid|phpsessid|sid)=[^/;]*", RegexOptions.IgnoreCase)]
    private static partial Regex SessionId();
}
