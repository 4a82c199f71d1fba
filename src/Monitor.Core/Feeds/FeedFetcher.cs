using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Monitor.Core.Feeds;

/// <summary>
/// Fetches feed bodies with the project's own HttpClient: conditional GET, timeouts, a body cap applied after
/// decompression, a redirect limit, and the network policy checked at connect time.
/// </summary>
public sealed class FeedFetcher : IDisposable
{
    private readonly HttpClient _http;
    private readonly FetchOptions _options;

    public FeedFetcher(IOptions<FetchOptions> options)
    {
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = Math.Max(1, _options.MaxRedirects),
            ConnectTimeout = _options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 4,
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
    }

    public async Task<FetchResult> FetchAsync(string url, string? etag, string? lastModified, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            return FetchResult.Fail("not an http or https URL");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (!string.IsNullOrEmpty(etag) && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
        if (!string.IsNullOrEmpty(lastModified) && DateTimeOffset.TryParse(lastModified, out var since)) request.Headers.IfModifiedSince = since;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotModified)
                return new FetchResult(FetchStatus.NotModified, [], null, etag, lastModified, null, status);
            if (status is >= 300 and < 400)
                return FetchResult.Fail($"HTTP {status}: too many redirects or a redirect without a usable location", status);
            if (!response.IsSuccessStatusCode)
                return FetchResult.Fail($"HTTP {status} {response.ReasonPhrase}".TrimEnd(), status);

            var body = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (body is null) return FetchResult.Fail($"body larger than {_options.MaxBodyBytes:N0} bytes", status);
            return new FetchResult(FetchStatus.Ok, body, response.Content.Headers.ContentType?.ToString(),
                response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), null, status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchResult.Fail($"timed out after {_options.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return FetchResult.Fail(Describe(e));
        }
    }

    private async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxBodyBytes && content.Headers.ContentEncoding.Count == 0) return null;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = _options.AllowPrivateNetworks ? addresses : addresses.Where(NetworkPolicy.IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new BlockedAddressException(
                $"refused: {host} resolves to a private, loopback or link-local address ({string.Join(", ", addresses.Select(a => a.ToString()))}); set MONITOR_ALLOW_PRIVATE_NETWORKS=true for local feeds");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The innermost useful message: "connection refused", "name not resolved", our refusal.</summary>
    private static string Describe(HttpRequestException e)
    {
        Exception inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        if (inner is BlockedAddressException) return inner.Message;
        if (inner is SocketException s)
            return s.SocketErrorCode switch
            {
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => $"unreachable: host name not resolved ({s.Message})",
                SocketError.ConnectionRefused => "unreachable: connection refused",
                _ => $"unreachable: {s.Message}",
            };
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "unreachable: host name not resolved",
            HttpRequestError.ConnectionError => $"unreachable: {inner.Message}",
            HttpRequestError.SecureConnectionError => $"TLS error: {inner.Message}",
            _ => inner.Message,
        };
    }

    public void Dispose() => _http.Dispose();
}
