using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Monitor.Core.Feeds.Fetching;

/// <summary>
/// Fetches feed bodies with the project's own HttpClient: conditional GET, a per-host concurrency limit,
/// timeouts, a body cap applied after decompression, redirects followed by hand with every hop checked, the
/// network policy checked at connect time, and the server's Retry-After / max-age reported as NotBefore.
/// It only reports; the poller decides about backoff and scheduling.
/// </summary>
public sealed class FeedFetcher : IDisposable
{
    private const string Accept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    private readonly HttpClient _http;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly HostLimiter _hosts;

    /// <summary>The app's fetcher: private networks are refused unless <see cref="FetchOptions.AllowPrivateNetworks"/>.</summary>
    public FeedFetcher(IOptions<FetchOptions> options, TimeProvider? timeProvider = null)
        : this(options.Value, timeProvider ?? TimeProvider.System, isAllowed: null)
    {
    }

    /// <summary>For tests: <paramref name="isAllowed"/> replaces the policy, e.g. to allow exactly one loopback endpoint.</summary>
    internal FeedFetcher(FetchOptions options, TimeProvider timeProvider, Func<IPEndPoint, bool>? isAllowed)
    {
        _options = options;
        _time = timeProvider;
        _hosts = new HostLimiter(options.MaxConcurrentPerHost);
        isAllowed ??= options.AllowPrivateNetworks ? _ => true : endpoint => NetworkPolicy.IsPublic(endpoint.Address);
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = false, // followed in FetchAsync, so each hop is counted and checked
            UseProxy = false, // the address check must see the feed's address, not a proxy's
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(4, options.MaxConcurrentPerHost),
            ConnectCallback = new GuardedConnector(isAllowed).ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _http.DefaultRequestHeaders.Accept.ParseAdd(Accept);
    }

    /// <summary>Hosts currently holding or awaiting a slot (tests check that the table does not grow).</summary>
    internal int TrackedHosts => _hosts.TrackedHosts;

    /// <summary>
    /// One conditional GET. Network and HTTP trouble ends as a <see cref="FetchResult"/> with a one-line reason;
    /// only the caller's own cancellation throws.
    /// </summary>
    public async Task<FetchResult> FetchAsync(string url, string? etag, string? lastModified, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !FetchUrls.IsHttp(uri))
            return FetchResult.Fail("not an http or https URL");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var redirects = 0;
        try
        {
            for (; ; redirects++)
            {
                // One slot per hop, held until the body is read; only one is held at a time, so chains cannot deadlock.
                // Waiting for the first slot is queueing, not slowness: the clock starts once the request may go.
                using var slot = await _hosts.AcquireAsync(FetchUrls.HostKey(uri), redirects == 0 ? cancellationToken : timeout.Token).ConfigureAwait(false);
                if (redirects == 0) timeout.CancelAfter(_options.Timeout);
                using var request = Request(uri, etag, lastModified);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (!Redirects.IsRedirect(response.StatusCode))
                    return await CompleteAsync(response, etag, lastModified, timeout.Token).ConfigureAwait(false);
                if (redirects >= _options.MaxRedirects)
                    return FetchResult.Fail($"too many redirects (more than {_options.MaxRedirects})", (int)response.StatusCode);
                var next = Redirects.Next(uri, response, out var refusal);
                if (next is null) return FetchResult.Fail(refusal!, (int)response.StatusCode);
                uri = next;
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchResult.Fail(timeout.IsCancellationRequested || e.InnerException is not TimeoutException
                ? $"timed out after {FailureReasons.Seconds(_options.Timeout)}"
                : $"unreachable: no connection within {FailureReasons.Seconds(_options.ConnectTimeout)}");
        }
        catch (HttpRequestException e)
        {
            return FetchResult.Fail(FailureReasons.Describe(e, redirects > 0 ? uri : null));
        }
        catch (InvalidDataException e)
        {
            // A Content-Encoding the body does not actually have (or a corrupt one): the decoder gives up.
            return FetchResult.Fail($"body could not be decompressed: {e.Message}");
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Thrown while reading the body; a read cut by our own timeout is a timeout, not a broken server.
            return FetchResult.Fail(timeout.IsCancellationRequested
                ? $"timed out after {FailureReasons.Seconds(_options.Timeout)}"
                : FailureReasons.DescribeBodyError(e));
        }
    }

    private static HttpRequestMessage Request(Uri uri, string? etag, string? lastModified)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (!string.IsNullOrEmpty(etag) && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
        if (!string.IsNullOrEmpty(lastModified)
            && DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            request.Headers.IfModifiedSince = since;
        return request;
    }

    private async Task<FetchResult> CompleteAsync(HttpResponseMessage response, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var now = _time.GetUtcNow();
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotModified:
                return new FetchResult(FetchStatus.NotModified, [], null, response.Headers.ETag?.ToString() ?? etag,
                    response.Content.Headers.LastModified?.ToString("R") ?? lastModified, null, status)
                {
                    NotBefore = ServerHints.Freshness(response.Headers, now, _options.MaxServerDelay),
                };
            case HttpStatusCode.Gone:
                return new FetchResult(FetchStatus.Gone, [], null, null, null, "HTTP 410 Gone: the feed was removed", 410);
            case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable:
                var notBefore = ServerHints.RetryAfter(response.Headers, now, _options.MaxServerDelay);
                var wait = notBefore is { } until ? $" (Retry-After {ServerHints.Describe(until, now)})" : "";
                return FetchResult.Fail(FailureReasons.StatusLine(response) + wait, status) with { NotBefore = notBefore };
        }
        if (!response.IsSuccessStatusCode) return FetchResult.Fail(FailureReasons.StatusLine(response), status);

        var body = await CappedBody.ReadAsync(response.Content, _options.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
            return FetchResult.Fail(string.Create(CultureInfo.InvariantCulture, $"body larger than {_options.MaxBodyBytes:N0} bytes (counted after decompression)"), status);
        return new FetchResult(FetchStatus.Ok, body, response.Content.Headers.ContentType?.ToString(),
            response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), null, status)
        {
            NotBefore = ServerHints.Freshness(response.Headers, now, _options.MaxServerDelay),
        };
    }

    /// <summary>Closes the client and its pooled connections.</summary>
    public void Dispose() => _http.Dispose();
}
