using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitor.Api.Endpoints;
using Monitor.Cli.Commands;
using Monitor.Tests.Functions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Api;

/// <summary>
/// Every endpoint over real HTTP on `monitor serve`, each response checked against openapi.json (status, media
/// type, body schema); the routes the two hosts declare are the documented ones; CORS stays closed.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServeApiTests(AzuriteFixture azurite, StoryFixture story) : IClassFixture<StoryFixture>
{
    private static readonly OpenApiSpec Spec = OpenApiSpec.Parse(OpenApiEndpoint.Json);

    private async Task<HttpClient> ClientAsync() => (await story.ServeAsync(azurite)).Client;

    [Fact]
    public async Task Every_endpoint_answers_as_the_OpenAPI_document_says()
    {
        var client = await ClientAsync();
        var exercised = new HashSet<(string, string)>();
        var failures = new List<string>();
        async Task<ApiResponse> Check(string method, string path, int status, string? body = null, string contentType = "application/json")
        {
            var response = await ApiHarness.SendAsync(client, new HttpMethod(method), path, body, contentType);
            var bare = path.Split('?')[0];
            if (response.Status != status) failures.Add($"{method} {path}: {response.Status}, expected {status}: {response.Body}");
            failures.AddRange(Spec.Check(method, bare, response).Select(e => $"{method} {path}: {e}"));
            exercised.Add((Spec.TemplateOf(bare) ?? bare, method));
            return response;
        }

        await Check("GET", "/api/articles", 200);
        await Check("GET", $"/api/articles/{ApiStory.Article}", 200);
        await Check("GET", "/api/articles/nope", 404);
        await Check("GET", "/api/topics", 200);
        await Check("GET", "/api/topics?article=nope", 404);
        var first = await Check("GET", "/api/topics/border-clashes/coverage?limit=3", 200);
        await Check("GET", first.Json.GetProperty("next").GetString()!, 200);
        await Check("GET", "/api/topics/border-clashes/coverage?claim=C04&since=2022-09-20&until=2030-01-01", 200);
        await Check("GET", "/api/topics/zangezur-corridor/coverage", 200);
        var peace = await Check("GET", "/api/topics/peace-treaty/coverage", 200);
        Assert.Contains(peace.Json.GetProperty("items").EnumerateArray(), i => i.GetProperty("alsoReported").GetArrayLength() > 0);
        await Check("GET", "/api/topics/nope/coverage", 404);
        await Check("GET", "/api/topics/border-clashes/coverage?since=soon", 400);
        await Check("GET", "/api/topics/border-clashes/coverage?limit=501", 400);
        await Check("GET", "/api/topics/border-clashes/coverage?continuation=zzz", 400);
        await Check("GET", "/api/claims/C01", 200);
        await Check("GET", "/api/claims/C99", 404);
        await Check("GET", "/api/feeds", 200);
        var url = $"https://feeds.example/{Guid.NewGuid():N}.xml";
        var added = await Check("POST", "/api/feeds", 201, $"{{\"url\": \"{url}\", \"check\": false}}");
        await Check("POST", "/api/feeds", 200, $"{{\"url\": \"{url}\"}}");
        await Check("POST", "/api/feeds", 415, $"{{\"url\": \"{url}\"}}", "text/plain");
        await Check("POST", "/api/feeds", 400, "{\"url\": \"ftp://example.org/\"}");
        await Check("POST", "/api/feeds", 422, $"{{\"url\": \"{story.Server.Url("missing.xml")}\"}}");
        var id = added.Json.GetProperty("id").GetString();
        await Check("DELETE", $"/api/feeds/{id}", 204);
        await Check("DELETE", $"/api/feeds/{id}", 404);
        var document = await Check("GET", "/api/openapi.json", 200);
        Assert.Equal(OpenApiEndpoint.Json, document.Body);
        var health = await Check("GET", "/api/health", 200); // the story's polling pass just succeeded
        Assert.Equal(("healthy", "reachable"), (health.Json.GetProperty("status").GetString(), health.Json.GetProperty("storage").GetString()));
        var ui = await Check("GET", "/api/ui?topic=border-clashes&limit=5", 200);
        Assert.Contains("Older items", ui.Body);
        await Check("GET", "/api/ui?limit=0", 400);

        Assert.Empty(failures);
        Assert.Equal(Spec.Operations.Order(), exercised.Order());
    }

    [Fact]
    public async Task The_page_is_also_at_the_root_and_unknown_routes_are_problems()
    {
        var client = await ClientAsync();
        var root = await ApiHarness.SendAsync(client, HttpMethod.Get, "/");
        Assert.Equal((200, "text/html; charset=utf-8"), (root.Status, root.ContentType));
        Assert.Contains("<h1>Azerbaijan&#39;s aggression against Armenia", root.Body);
        (await ApiHarness.SendAsync(client, HttpMethod.Get, "/api/nothing")).AssertProblem(404, "not-found");
        (await ApiHarness.SendAsync(client, HttpMethod.Put, "/api/feeds", "{}")).AssertProblem(405, "method-not-allowed");
    }

    [Fact]
    public async Task Cors_is_closed_no_origin_is_allowed()
    {
        var client = await ClientAsync();
        var origin = new Dictionary<string, string> { ["Origin"] = "https://elsewhere.example" };
        var read = await ApiHarness.SendAsync(client, HttpMethod.Get, "/api/topics", headers: origin);
        Assert.Equal(200, read.Status);
        Assert.DoesNotContain(read.Headers.Keys, k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        var preflight = await ApiHarness.SendAsync(client, HttpMethod.Options, "/api/feeds",
            headers: new Dictionary<string, string>(origin) { ["Access-Control-Request-Method"] = "POST", ["Access-Control-Request-Headers"] = "content-type" });
        Assert.NotEqual(200, preflight.Status);
        Assert.NotEqual(204, preflight.Status);
        Assert.DoesNotContain(preflight.Headers.Keys, k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Serve_and_the_Functions_app_route_exactly_the_documented_operations()
    {
        var documented = Spec.Operations.Select(o => (o.Path, o.Method)).Order().ToList();

        var app = ServeCommand.Build(TestServices.Configuration(azurite, azurite.NewPrefix()), ["http://127.0.0.1:0"]);
        var served = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!, Method: m)))
            .Where(r => r.Path != "/") // the page's second address on serve
            .Order().ToList();
        Assert.Equal(documented, served);

        var functions = FunctionsMetadataTests.Functions()
            .Select(FunctionsMetadataTests.Trigger)
            .Where(t => t.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(t => t.GetProperty("methods").EnumerateArray().Select(m => (Path: "/api/" + t.GetProperty("route").GetString(), Method: m.GetString()!.ToUpperInvariant())))
            .Order().ToList();
        Assert.Equal(documented, functions);
    }

    [Fact]
    public void The_document_is_OpenAPI_3_1_with_keys_for_reads_and_the_admin_key_for_writes()
    {
        Assert.Equal("3.1.0", Spec.Root.GetProperty("openapi").GetString());
        var schemes = Spec.Root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("x-functions-key", schemes.GetProperty("functionKey").GetProperty("name").GetString());
        foreach (var (path, method) in Spec.Operations.Where(o => o.Method is "POST" or "DELETE"))
        {
            var security = Spec.Root.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant()).GetProperty("security");
            Assert.Equal("adminKey", Assert.Single(Assert.Single(security.EnumerateArray().ToList()).EnumerateObject().ToList()).Name);
        }
        // Every $ref resolves.
        foreach (var reference in Refs(Spec.Root))
        {
            var target = Spec.Root;
            foreach (var part in reference.TrimStart('#', '/').Split('/')) Assert.True(target.TryGetProperty(part, out target), $"{reference} does not resolve");
        }
    }

    private static IEnumerable<string> Refs(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => p.Name == "$ref" ? [p.Value.GetString()!] : Refs(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Refs),
        _ => [],
    };
}
