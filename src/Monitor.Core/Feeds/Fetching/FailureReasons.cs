using System.Globalization;
using System.Net.Sockets;

namespace Monitor.Core.Feeds.Fetching;

/// <summary>One-line reasons for a feed's health record, from the innermost useful part of an exception.</summary>
internal static class FailureReasons
{
    /// <summary>"unreachable: connection refused", "unreachable: host name not resolved", a policy refusal, ...</summary>
    public static string Describe(HttpRequestException e, Uri? redirectedTo)
    {
        var inner = Innermost(e);
        if (inner is BlockedAddressException blocked)
            return BlockedAddressException.Reason(blocked.Detail, redirectedTo is null ? null : FetchUrls.Short(redirectedTo));
        if (inner is SocketException s)
            return s.SocketErrorCode switch
            {
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => $"unreachable: host name not resolved ({s.Message})",
                SocketError.ConnectionRefused => "unreachable: connection refused",
                SocketError.ConnectionReset => "connection reset by the server",
                _ => $"unreachable: {s.Message}",
            };
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "unreachable: host name not resolved",
            HttpRequestError.ConnectionError => $"unreachable: {inner.Message}",
            HttpRequestError.SecureConnectionError => $"TLS error: {inner.Message}",
            HttpRequestError.ResponseEnded => "connection closed before the response headers were complete",
            HttpRequestError.InvalidResponse => $"invalid HTTP response: {inner.Message}",
            HttpRequestError.ConfigurationLimitExceeded => $"response headers too large: {inner.Message}",
            _ => inner.Message,
        };
    }

    /// <summary>A body read that broke off: the server closed early or sent a broken encoding.</summary>
    public static string DescribeBodyError(IOException e) => e is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded }
        ? "connection closed before the body was complete"
        : $"body read failed: {Innermost(e).Message}";

    /// <summary>"HTTP 404 Not Found", the reason phrase kept short and on one line.</summary>
    public static string StatusLine(HttpResponseMessage response)
    {
        var phrase = new string((response.ReasonPhrase ?? "").Where(c => !char.IsControl(c)).Take(80).ToArray()).Trim();
        return $"HTTP {(int)response.StatusCode} {phrase}".TrimEnd();
    }

    /// <summary>"2 s", "0.5 s": timeouts as configured.</summary>
    public static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###} s");

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
