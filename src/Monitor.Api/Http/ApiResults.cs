using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Monitor.Core.Query;

namespace Monitor.Api.Http;

/// <summary>
/// The responses the handlers give. They write the body themselves (no MVC, no services looked up from the
/// request), so they behave the same in the Functions host, on Kestrel and when a test executes them.
/// </summary>
public static class ApiResults
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>The CLI's JSON shapes and names, without the indentation: responses are for programs, and smaller.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(CoverageViews.Json) { WriteIndented = false };

    /// <summary>JSON in the shapes the CLI prints (<see cref="JsonOptions"/>).</summary>
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        new Body(status, "application/json; charset=utf-8", value, null);

    /// <summary>JSON already serialised (with <see cref="JsonOptions"/>).</summary>
    public static IResult Json(byte[] utf8Json, int status = StatusCodes.Status200OK) =>
        new Body(status, "application/json; charset=utf-8", utf8Json, null);

    public static IResult Problem(ApiProblem problem, HttpRequest request)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = problem.Type,
            ["title"] = problem.Title,
            ["status"] = problem.Status,
            ["detail"] = problem.Detail,
            ["instance"] = request.Path.Value,
        };
        foreach (var (key, value) in problem.Extensions) body[key] = value;
        return new Body(problem.Status, ProblemContentType, body, null);
    }

    public static IResult Text(string text, string contentType, int status = StatusCodes.Status200OK, IReadOnlyDictionary<string, string>? headers = null) =>
        new Body(status, contentType, text, headers);

    public static IResult NoContent() => new Body(StatusCodes.Status204NoContent, null, null, null);

    private sealed class Body(int status, string? contentType, object? value, IReadOnlyDictionary<string, string>? headers) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.Headers.XContentTypeOptions = "nosniff";
            foreach (var (name, text) in headers ?? new Dictionary<string, string>()) response.Headers[name] = text;
            if (value is null) return;
            response.ContentType = contentType;
            var ct = httpContext.RequestAborted;
            if (value is byte[] bytes)
            {
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
            }
            else if (value is string s)
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(s), ct).ConfigureAwait(false);
            else
                await JsonSerializer.SerializeAsync(response.Body, value, value.GetType(), JsonOptions, ct).ConfigureAwait(false);
        }
    }
}
