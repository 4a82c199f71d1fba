using System.Net;
using System.Text;

namespace Monitor.Tests.Infrastructure;

/// <summary>A real HTTP server on 127.0.0.1 serving feeds the test puts in it, with ETags and any status code.</summary>
public sealed class FeedServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, Response> _responses = new();
    private readonly Task _loop;

    public FeedServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            Port = AzuriteFixture.FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public int Requests;
    public int NotModifiedResponses;

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path.TrimStart('/')}";

    public string Serve(string path, string body, string contentType = "application/rss+xml", int status = 200, string? etag = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        lock (_responses) _responses["/" + path.TrimStart('/')] = new Response(status, contentType, Encoding.UTF8.GetBytes(body), etag, headers);
        return Url(path);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            Interlocked.Increment(ref Requests);
            Response? response;
            lock (_responses) _responses.TryGetValue(context.Request.Url!.AbsolutePath, out response);
            try
            {
                if (response is null) { context.Response.StatusCode = 404; }
                else if (response.ETag is not null && context.Request.Headers["If-None-Match"] == response.ETag)
                {
                    Interlocked.Increment(ref NotModifiedResponses);
                    context.Response.StatusCode = 304;
                }
                else
                {
                    context.Response.StatusCode = response.Status;
                    context.Response.ContentType = response.ContentType;
                    if (response.ETag is not null) context.Response.Headers["ETag"] = response.ETag;
                    foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
                    await context.Response.OutputStream.WriteAsync(response.Body);
                }
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException) { }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    private sealed record Response(int Status, string ContentType, byte[] Body, string? ETag, IReadOnlyDictionary<string, string>? Headers);
}
