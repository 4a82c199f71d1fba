namespace Monitor.Core.Feeds.Fetching;

/// <summary>Small URL rules shared by the fetcher and the redirect loop.</summary>
internal static class FetchUrls
{
    private const int MaxShown = 200;

    /// <summary>Only http and https are fetched: no file:, ftp:, gopher: or data: tricks.</summary>
    public static bool IsHttp(Uri uri) => uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The key of the per-host limit: host (without case) and port, since two ports on one address are two servers.</summary>
    public static string HostKey(Uri uri) => $"{uri.IdnHost.ToLowerInvariant()}:{uri.Port}";

    /// <summary>A URL short enough for a one-line reason.</summary>
    public static string Short(Uri uri)
    {
        var text = uri.AbsoluteUri;
        return text.Length <= MaxShown ? text : string.Concat(text.AsSpan(0, MaxShown), "…");
    }
}
