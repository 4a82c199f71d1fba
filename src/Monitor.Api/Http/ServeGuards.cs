using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Monitor.Api.Http;

/// <summary>
/// What `monitor serve` checks before routing, since it has no keys: the Host header (against DNS rebinding),
/// and the size of the request line and headers (answered with a problem instead of Kestrel's empty 414/431).
/// HEAD is answered as GET without a body.
/// </summary>
public static class ServeGuards
{
    /// <summary>Longest path and query answered; Kestrel's own limit is raised above it so that ours answers first.</summary>
    public const int MaxTargetLength = 8 * 1024;
    /// <summary>Largest total of header names and values answered.</summary>
    public const int MaxHeaderBytes = 32 * 1024;
    /// <summary>Kestrel's limits, above ours: beyond them Kestrel itself answers, with an empty body.</summary>
    public const int KestrelRequestLineLimit = 64 * 1024;
    public const int KestrelHeadersLimit = 64 * 1024;

    /// <summary>
    /// The host names a request may name: those of the addresses the server was bound to, and "localhost". A Host
    /// that is an IP literal is always accepted: DNS rebinding needs a name that the attacker's DNS points here.
    /// </summary>
    public static IReadOnlySet<string> AllowedHosts(IEnumerable<string> urls)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost" };
        foreach (var url in urls)
            if (Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri))
                hosts.Add(uri.IdnHost.TrimEnd('.'));
        return hosts;
    }

    /// <summary>Whether a request's Host header (port and all) names this server.</summary>
    public static bool IsAllowed(string? hostHeader, IReadOnlySet<string> allowed)
    {
        if (string.IsNullOrEmpty(hostHeader)) return true; // HTTP/1.0 without Host: no browser sends that
        var host = new HostString(hostHeader).Host.Trim('[', ']').TrimEnd('.');
        return IPAddress.TryParse(host, out _) || allowed.Contains(host);
    }

    public static IApplicationBuilder UseServeGuards(this IApplicationBuilder app, IEnumerable<string> urls)
    {
        var allowed = AllowedHosts(urls);
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsHead(request.Method))
            {
                // HEAD is GET without the body: the same status and headers, and Kestrel sends no body for it.
                request.Method = HttpMethods.Get;
                context.Response.Body = Stream.Null;
            }
            var problem = Check(request, allowed);
            if (problem is not null)
            {
                await ApiResults.Problem(problem, request).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
    }

    private static ApiProblem? Check(HttpRequest request, IReadOnlySet<string> allowed)
    {
        if (!IsAllowed(request.Headers.Host, allowed))
            return new ApiProblem(StatusCodes.Status421MisdirectedRequest, ApiProblem.TypePrefix + "unknown-host", "Unknown host",
                "this server answers only to the host names it listens on and localhost (a guard against DNS rebinding)");
        if (request.Path.Value?.Length + request.QueryString.Value?.Length > MaxTargetLength)
            return new ApiProblem(StatusCodes.Status414UriTooLong, ApiProblem.TypePrefix + "uri-too-long", "URI too long",
                $"the path and query are longer than {MaxTargetLength:N0} characters");
        long headerBytes = 0;
        foreach (var (name, values) in request.Headers) headerBytes += name.Length + values.Sum(v => v?.Length ?? 0) + 4;
        if (headerBytes > MaxHeaderBytes)
            return new ApiProblem(StatusCodes.Status431RequestHeaderFieldsTooLarge, ApiProblem.TypePrefix + "headers-too-large", "Request headers too large",
                $"the request's headers total more than {MaxHeaderBytes:N0} bytes");
        return null;
    }
}
