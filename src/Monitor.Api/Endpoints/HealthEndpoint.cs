using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Api.Http;
using Monitor.Core.Query;
using Monitor.Core.Storage;

namespace Monitor.Api.Endpoints;

/// <summary>How old the last successful polling pass may be before GET api/health answers 503.</summary>
public sealed class HealthOptions
{
    /// <summary>Four passes at the default 15-minute schedule; the alert rule in infra/ uses the same hour.</summary>
    public TimeSpan MaxPassAge { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The answer of GET api/health: nothing about feeds, items or settings, only whether the pipeline runs.</summary>
public sealed record HealthView(string Status, string Storage, string? LastPass, long? LastPassAgeSeconds,
    string? LastDigest, long? LastDigestAgeSeconds, IReadOnlyList<string> Problems);

/// <summary>
/// GET api/health, for availability probes, with no key: 200 when storage answers and a polling pass succeeded
/// within <see cref="HealthOptions.MaxPassAge"/>, else 503; the body says which. The digest's age is reported
/// but never makes it unhealthy (a deployment may send none).
/// </summary>
public sealed class HealthEndpoint(HealthStore store, IOptions<HealthOptions> options, TimeProvider time, ILogger<HealthEndpoint> logger)
{
    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        HealthMarks marks;
        try
        {
            marks = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StorageUnavailableException or RequestFailedException)
        {
            logger.LogWarning("Health: storage unreachable: {Reason}", e.Message.Split('\n')[0]);
            return Answer(new HealthView("unhealthy", "unreachable", null, null, null, null, ["storage is unreachable"]));
        }
        var problems = new List<string>();
        if (marks.LastPass is not { } pass) problems.Add("no polling pass has succeeded yet");
        else if (now - pass > options.Value.MaxPassAge) problems.Add($"no polling pass has succeeded for {Minutes(now - pass)} minutes");
        return Answer(new HealthView(problems.Count == 0 ? "healthy" : "unhealthy", "reachable",
            Iso(marks.LastPass), Age(now, marks.LastPass), Iso(marks.LastDigest), Age(now, marks.LastDigest), problems));
    }

    private static IResult Answer(HealthView view) => new NoStore(ApiResults.Json(view, view.Status == "healthy" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable));

    private static string? Iso(DateTimeOffset? time) => time is { } t ? CoverageViews.Iso(t) : null;

    private static long? Age(DateTimeOffset now, DateTimeOffset? time) => time is { } t ? Math.Max(0, (long)(now - t).TotalSeconds) : null;

    private static long Minutes(TimeSpan age) => (long)age.TotalMinutes;

    /// <summary>A probe must see the state now, never a cached answer.</summary>
    private sealed class NoStore(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
