using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>The routes of <see cref="FaultServer"/>: one misbehaviour each.</summary>
internal static class FaultRoutes
{
    public const string ETag = "\"v1\"";
    public const string LastModified = "Mon, 01 Jan 2024 00:00:00 GMT";
    public const string RssType = "application/rss+xml; charset=utf-8";

    public static void Map(WebApplication app, FaultServer server)
    {
        app.MapGet("/feed", (HttpContext c) => Feed(c, maxAge: 600));
        app.MapGet("/conditional", (HttpContext c) =>
        {
            var h = c.Request.Headers;
            if (h.IfNoneMatch == ETag || h.IfModifiedSince == LastModified)
            {
                c.Response.StatusCode = 304;
                c.Response.Headers.ETag = ETag;
                c.Response.Headers.CacheControl = "max-age=300";
                return Task.CompletedTask;
            }
            return Feed(c, maxAge: 300);
        });
        app.MapGet("/status/{code:int}", (HttpContext c, int code) => Send(c, code, "text/plain", "status"u8.ToArray()));
        app.MapGet("/retry-seconds", (HttpContext c) =>
        {
            c.Response.Headers.RetryAfter = "120";
            return Send(c, 429, "text/plain", "slow down"u8.ToArray());
        });
        app.MapGet("/retry-date", (HttpContext c) =>
        {
            c.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(90).ToString("R");
            return Send(c, 503, "text/plain", "maintenance"u8.ToArray());
        });
        app.MapGet("/html", (HttpContext c) => Send(c, 200, "text/html; charset=utf-8", FaultBodies.Html));
        app.MapGet("/wrong-type", (HttpContext c) => Send(c, 200, "application/octet-stream", FaultBodies.Feed));
        app.MapGet("/truncated-xml", (HttpContext c) => Send(c, 200, RssType, FaultBodies.TruncatedXml));
        app.MapGet("/compressed/{encoding}", (HttpContext c, string encoding) =>
        {
            c.Response.Headers.ContentEncoding = encoding;
            return Send(c, 200, RssType, FaultBodies.Compress(encoding, FaultBodies.Feed));
        });
        MapSlowRoutes(app, server);
        MapBigRoutes(app, server);
        MapRedirects(app);
    }

    private static void MapSlowRoutes(WebApplication app, FaultServer server)
    {
        app.MapGet("/hang", async (HttpContext c) => { await Wait(c, server, Timeout.InfiniteTimeSpan); });
        app.MapGet("/drip", async (HttpContext c) =>
        {
            c.Response.ContentType = RssType;
            for (var i = 0; i < FaultBodies.Feed.Length; i++)
            {
                await c.Response.Body.WriteAsync(FaultBodies.Feed.AsMemory(i, 1));
                await c.Response.Body.FlushAsync();
                if (!await Wait(c, server, TimeSpan.FromSeconds(1))) return;
            }
        });
        // Headers at once, body later: a limit that let go after the headers would let a third request in.
        app.MapGet("/slow", async (HttpContext c) =>
        {
            c.Response.ContentType = RssType;
            await c.Response.Body.WriteAsync(FaultBodies.Feed.AsMemory(0, 10));
            await c.Response.Body.FlushAsync();
            if (await Wait(c, server, TimeSpan.FromMilliseconds(200))) await c.Response.Body.WriteAsync(FaultBodies.Feed.AsMemory(10));
        });
    }

    // Each of these pauses for 10 s once well past the 1 MB limit of the tests: a fetcher that went on reading
    // instead of stopping at the limit would sit in the pause until its (shorter) timeout, and fail the test.
    private static void MapBigRoutes(WebApplication app, FaultServer server)
    {
        // 100 MB, streamed from one reused buffer; with or without a Content-Length.
        app.MapGet("/big", async (HttpContext c, bool chunked) =>
        {
            const long size = 100L * 1024 * 1024;
            var block = new byte[64 * 1024];
            c.Response.ContentType = RssType;
            if (!chunked) c.Response.ContentLength = size;
            await Stream(c, server, size / block.Length, _ => block, pauseAfter: 4 * 1024 * 1024 / block.Length);
        });
        // 10 MB of zeros in 10 KB of gzip, without a Content-Length.
        app.MapGet("/gzip-bomb", async (HttpContext c) =>
        {
            c.Response.Headers.ContentEncoding = "gzip";
            c.Response.ContentType = RssType;
            await Stream(c, server, 1, _ => FaultBodies.GzipBomb.Value, pauseAfter: 1);
        });
        // Gzip members back to back decode as one stream: 1 GB of zeros from 1 MB on the wire.
        app.MapGet("/gzip-bomb-endless", async (HttpContext c) =>
        {
            c.Response.Headers.ContentEncoding = "gzip";
            c.Response.ContentType = RssType;
            await Stream(c, server, FaultBodies.EndlessBombMembers, _ => FaultBodies.GzipBomb.Value, pauseAfter: 2);
        });
    }

    private static async Task Stream(HttpContext c, FaultServer server, long blocks, Func<long, byte[]> block, long pauseAfter)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(c.RequestAborted, server.Stopping);
        try
        {
            for (long i = 0; i < blocks; i++)
            {
                await c.Response.Body.WriteAsync(block(i), stop.Token);
                if (i + 1 != pauseAfter) continue;
                await c.Response.Body.FlushAsync(stop.Token);
                if (!await Wait(c, server, TimeSpan.FromSeconds(10))) return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException) { c.Abort(); }
    }

    private static void MapRedirects(WebApplication app)
    {
        app.MapGet("/loop/a", (HttpContext c) => Redirect(c, 302, "b"));
        app.MapGet("/loop/b", (HttpContext c) => Redirect(c, 302, "a"));
        app.MapGet("/chain/{n:int}", (HttpContext c, int n) => n == 0 ? Feed(c, maxAge: null) : Redirect(c, 302, $"/chain/{n - 1}"));
        app.MapGet("/to", (HttpContext c, string url, int? status) => Redirect(c, status ?? 302, url));
        app.MapGet("/no-location", (HttpContext c) => Send(c, 302, "text/plain", "moved"u8.ToArray()));
    }

    private static Task Feed(HttpContext c, int? maxAge)
    {
        c.Response.Headers.ETag = ETag;
        c.Response.Headers.LastModified = LastModified;
        if (maxAge is not null) c.Response.Headers.CacheControl = $"public, max-age={maxAge}";
        return Send(c, 200, RssType, FaultBodies.Feed);
    }

    private static Task Redirect(HttpContext c, int status, string location)
    {
        c.Response.StatusCode = status;
        c.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private static async Task Send(HttpContext c, int status, string contentType, byte[] body)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = contentType;
        c.Response.ContentLength = body.Length;
        await c.Response.Body.WriteAsync(body, c.RequestAborted);
    }

    /// <summary>False when the client went away or the server is stopping.</summary>
    private static async Task<bool> Wait(HttpContext c, FaultServer server, TimeSpan delay)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(c.RequestAborted, server.Stopping);
        try
        {
            await Task.Delay(delay, stop.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
