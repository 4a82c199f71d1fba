using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Monitor.Tests.Api;

/// <summary>A response as the client would get it: status, headers and body, with the JSON parsed on demand.</summary>
public sealed record ApiResponse(int Status, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public bool IsProblem => ContentType == "application/problem+json";

    /// <summary>Asserts the answer is the RFC 9457 problem expected, and that it gives nothing away.</summary>
    public JsonElement AssertProblem(int status, string type)
    {
        Assert.True(IsProblem, $"expected a problem, got {Status} {ContentType}: {Body}");
        Assert.Equal(status, Status);
        var json = Json;
        Assert.Equal("urn:monitor:problem:" + type, json.GetProperty("type").GetString());
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
        AssertNoStackTrace(Body);
        return json;
    }

    public static void AssertNoStackTrace(string body)
    {
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(".cs:line", body);
    }
}

/// <summary>Runs a handler the way a host does: a real HttpContext in, the IResult executed into a response body.</summary>
public static class ApiHarness
{
    public static async Task<ApiResponse> CallAsync(IServiceProvider services, string method, string pathAndQuery,
        Func<HttpRequest, Task<IResult>> handler, string? body = null, string contentType = "application/json")
    {
        var context = new DefaultHttpContext { RequestServices = services };
        var query = pathAndQuery.IndexOf('?');
        context.Request.Method = method;
        context.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        if (body is not null)
        {
            context.Request.ContentType = contentType;
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }
        var output = new MemoryStream();
        context.Response.Body = output;
        var result = await handler(context.Request);
        await result.ExecuteAsync(context);
        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse(context.Response.StatusCode, context.Response.ContentType, headers, Encoding.UTF8.GetString(output.ToArray()));
    }

    /// <summary>Over real HTTP, for `monitor serve`.</summary>
    public static async Task<ApiResponse> SendAsync(HttpClient client, HttpMethod method, string pathAndQuery, string? body = null,
        string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request);
        var all = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType is { } type
            ? response.Content.Headers.ContentType.CharSet is { } charset ? $"{type}; charset={charset}" : type
            : null, all, await response.Content.ReadAsStringAsync());
    }
}
