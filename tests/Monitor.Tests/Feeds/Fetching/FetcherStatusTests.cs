using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>Status codes, conditional GET, server hints and content the parser deals with later.</summary>
public sealed class FetcherStatusTests(FaultServer server) : IClassFixture<FaultServer>
{
    [Fact]
    public async Task A_200_returns_the_body_validators_and_max_age_and_identifies_itself()
    {
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(server.Url("/feed"), null, null);

        Assert.Equal((FetchStatus.Ok, null), (result.Status, result.Error));
        Assert.Equal(FaultBodies.Feed, result.Body);
        Assert.Equal(FaultRoutes.RssType, result.ContentType);
        Assert.Equal(FaultRoutes.ETag, result.ETag);
        Assert.Equal(FaultRoutes.LastModified, result.LastModified);
        Assert.Equal(200, result.HttpStatus);
        Assert.Null(result.Error);
        Assert.Equal(Fetchers.Now.AddSeconds(600), result.NotBefore);
        var request = server.LastRequest("/feed");
        Assert.Equal(new FetchOptions().UserAgent, request["User-Agent"]);
        Assert.False(request.ContainsKey("If-None-Match"));
        Assert.False(request.ContainsKey("If-Modified-Since"));
    }

    [Fact]
    public async Task A_conditional_get_sends_both_validators_and_a_304_is_NotModified()
    {
        using var fetcher = Fetchers.Create();
        var first = await fetcher.FetchAsync(server.Url("/feed"), null, null);
        var result = await fetcher.FetchAsync(server.Url("/conditional"), first.ETag, first.LastModified);

        var request = server.LastRequest("/conditional");
        Assert.Equal(FaultRoutes.ETag, request["If-None-Match"]);
        Assert.Equal(FaultRoutes.LastModified, request["If-Modified-Since"]);
        Assert.Equal(FetchStatus.NotModified, result.Status);
        Assert.Equal(304, result.HttpStatus);
        Assert.Empty(result.Body);
        Assert.Equal(FaultRoutes.ETag, result.ETag);
        Assert.Equal(FaultRoutes.LastModified, result.LastModified);
        Assert.Equal(Fetchers.Now.AddSeconds(300), result.NotBefore);
    }

    [Theory]
    [InlineData(404, "HTTP 404 Not Found")]
    [InlineData(500, "HTTP 500 Internal Server Error")]
    [InlineData(403, "HTTP 403 Forbidden")]
    public async Task An_error_status_fails_with_the_status_line(int code, string reason)
    {
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(server.Url($"/status/{code}"), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(reason, result.Error);
        Assert.Equal(code, result.HttpStatus);
        Assert.Null(result.NotBefore);
        await fetcher.AssertStillWorksAsync(server);
    }

    [Fact]
    public async Task A_410_is_Gone()
    {
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(server.Url("/status/410"), "\"old\"", FaultRoutes.LastModified);

        Assert.Equal(FetchStatus.Gone, result.Status);
        Assert.Equal("HTTP 410 Gone: the feed was removed", result.Error);
        Assert.Equal(410, result.HttpStatus);
        Assert.Empty(result.Body);
        Assert.Null(result.ETag);
        Assert.Null(result.LastModified);
    }

    [Fact]
    public async Task A_429_with_Retry_After_seconds_reports_NotBefore()
    {
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(server.Url("/retry-seconds"), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal("HTTP 429 Too Many Requests (Retry-After 120 s)", result.Error);
        Assert.Equal(429, result.HttpStatus);
        Assert.Equal(Fetchers.Now.AddSeconds(120), result.NotBefore);
        await fetcher.AssertStillWorksAsync(server);
    }

    [Fact]
    public async Task A_503_with_a_Retry_After_date_reports_NotBefore_measured_against_the_server_clock()
    {
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(server.Url("/retry-date"), null, null);

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Matches(@"^HTTP 503 Service Unavailable \(Retry-After \d+ s\)$", result.Error);
        Assert.Equal(503, result.HttpStatus);
        // The route says "now + 90 s" by the server's clock; the fetcher's clock is frozen in 2025. Kestrel's
        // Date header is refreshed once a second (later on a loaded machine), hence the window.
        Assert.InRange(result.NotBefore!.Value, Fetchers.Now.AddSeconds(80), Fetchers.Now.AddSeconds(100));
    }

    [Fact]
    public async Task A_hint_longer_than_MaxServerDelay_is_capped()
    {
        using var fetcher = Fetchers.Create(o => o.MaxServerDelay = TimeSpan.FromSeconds(60));
        var result = await fetcher.FetchAsync(server.Url("/retry-seconds"), null, null);
        Assert.Equal(Fetchers.Now.AddSeconds(60), result.NotBefore);
    }

    [Theory]
    [InlineData("/html", "text/html; charset=utf-8")]
    [InlineData("/wrong-type", "application/octet-stream")]
    [InlineData("/truncated-xml", FaultRoutes.RssType)]
    public async Task Content_that_is_not_a_feed_is_still_Ok_the_parser_decides(string path, string contentType)
    {
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(server.Url(path), null, null);

        Assert.Equal((FetchStatus.Ok, null), (result.Status, result.Error));
        Assert.Equal(contentType, result.ContentType);
        var expected = path switch { "/html" => FaultBodies.Html, "/truncated-xml" => FaultBodies.TruncatedXml, _ => FaultBodies.Feed };
        Assert.Equal(expected, result.Body);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task Compressed_bodies_are_asked_for_and_decoded(string encoding)
    {
        using var fetcher = Fetchers.Create();
        var result = await fetcher.FetchAsync(server.Url($"/compressed/{encoding}"), null, null);

        Assert.Equal((FetchStatus.Ok, null), (result.Status, result.Error));
        Assert.Equal(FaultBodies.Feed, result.Body);
        var accepted = server.LastRequest($"/compressed/{encoding}")["Accept-Encoding"].Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("br", accepted);
        Assert.Contains("gzip", accepted);
        Assert.Contains("deflate", accepted);
    }
}
