using Microsoft.AspNetCore.Http;
using Monitor.Api.Http;

namespace Monitor.Api.Endpoints;

/// <summary>GET api/openapi.json: the hand-written OpenAPI 3.1 description, embedded in this assembly and served as is.</summary>
public sealed class OpenApiEndpoint(ApiGuard guard)
{
    private static readonly Lazy<string> Document = new(() =>
    {
        using var stream = typeof(OpenApiEndpoint).Assembly.GetManifestResourceStream("openapi.json")
            ?? throw new InvalidOperationException("the embedded openapi.json is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Json => Document.Value;

    public Task<IResult> GetAsync(HttpRequest request) => guard.RunAsync(request, () =>
        Task.FromResult(ApiResults.Text(Json, "application/json; charset=utf-8")));
}
