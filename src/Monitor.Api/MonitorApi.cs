using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Api.Endpoints;
using Monitor.Api.Http;
using Monitor.Core.Hosting;

namespace Monitor.Api;

/// <summary>
/// Registers the API's handlers (beside <c>AddMonitor</c>, the pipeline's composition root) and maps them for a
/// host that routes itself (`monitor serve`). The Functions app binds the same handlers with its attributes.
/// </summary>
public static class MonitorApi
{
    /// <param name="configuration">Where the "Api" section is read from (<see cref="ApiOptions"/>); defaults when null.</param>
    public static IServiceCollection AddMonitorApi(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration? configuration = null)
    {
        var options = services.AddOptions<ApiOptions>().ValidateOnStart();
        if (configuration is not null) options.BindSection(configuration, "Api");
        services.AddSingleton<PageCache>();
        services.AddSingleton<ApiGuard>();
        services.AddSingleton<ArticlesEndpoints>();
        services.AddSingleton<TopicsEndpoints>();
        services.AddSingleton<ClaimsEndpoints>();
        services.AddSingleton<FeedsEndpoints>();
        services.AddSingleton<OpenApiEndpoint>();
        services.AddSingleton<UiEndpoint>();
        var health = services.AddOptions<HealthOptions>().ValidateOnStart();
        if (configuration is not null) health.BindSection(configuration, "Health");
        services.AddSingleton<HealthEndpoint>();
        return services;
    }

    /// <summary>Every route of the API, the page at / and at /api/ui; unknown routes and methods answer with a problem.</summary>
    public static IEndpointRouteBuilder MapMonitorApi(this IEndpointRouteBuilder app)
    {
        Get(app, "/api/articles", (ArticlesEndpoints e, HttpContext c) => e.ListAsync(c.Request));
        Get(app, "/api/articles/{id}", (ArticlesEndpoints e, HttpContext c) => e.GetAsync(c.Request, Route(c, "id"), c.RequestAborted));
        Get(app, "/api/topics", (TopicsEndpoints e, HttpContext c) => e.ListAsync(c.Request, c.RequestAborted));
        Get(app, "/api/topics/{topic}/coverage", (TopicsEndpoints e, HttpContext c) => e.CoverageAsync(c.Request, Route(c, "topic"), c.RequestAborted));
        Get(app, "/api/claims/{id}", (ClaimsEndpoints e, HttpContext c) => e.GetAsync(c.Request, Route(c, "id"), c.RequestAborted));
        Get(app, "/api/feeds", (FeedsEndpoints e, HttpContext c) => e.ListAsync(c.Request, c.RequestAborted));
        Map(app, "/api/feeds", HttpMethods.Post, (FeedsEndpoints e, HttpContext c) => e.AddAsync(c.Request, c.RequestAborted));
        Map(app, "/api/feeds/{id}", HttpMethods.Delete, (FeedsEndpoints e, HttpContext c) => e.RemoveAsync(c.Request, Route(c, "id"), c.RequestAborted));
        Get(app, "/api/openapi.json", (OpenApiEndpoint e, HttpContext c) => e.GetAsync(c.Request));
        Get(app, "/api/health", (HealthEndpoint e, HttpContext c) => e.GetAsync(c.Request, c.RequestAborted));
        Get(app, "/api/ui", (UiEndpoint e, HttpContext c) => e.GetAsync(c.Request, c.RequestAborted));
        Get(app, "/", (UiEndpoint e, HttpContext c) => e.GetAsync(c.Request, c.RequestAborted));
        return app;
    }

    /// <summary>Empty 404 and 405 answers from routing become problems too.</summary>
    public static IApplicationBuilder UseMonitorApiProblems(this IApplicationBuilder app) => app.UseStatusCodePages(async context =>
    {
        var http = context.HttpContext;
        var problem = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ApiProblem.NotFound($"no endpoint at {http.Request.Path.Value}; see /api/openapi.json"),
            StatusCodes.Status405MethodNotAllowed => new ApiProblem(StatusCodes.Status405MethodNotAllowed, ApiProblem.TypePrefix + "method-not-allowed",
                "Method not allowed", $"{http.Request.Method} is not allowed on {http.Request.Path.Value}"),
            _ => null,
        };
        if (problem is null) return;
        await ApiResults.Problem(problem, http.Request).ExecuteAsync(http).ConfigureAwait(false);
    });

    private static void Get<T>(IEndpointRouteBuilder app, string pattern, Func<T, HttpContext, Task<IResult>> handler) where T : notnull =>
        Map(app, pattern, HttpMethods.Get, handler);

    private static void Map<T>(IEndpointRouteBuilder app, string pattern, string method, Func<T, HttpContext, Task<IResult>> handler) where T : notnull =>
        app.MapMethods(pattern, [method], (RequestDelegate)(async context =>
        {
            var result = await handler(context.RequestServices.GetRequiredService<T>(), context).ConfigureAwait(false);
            await result.ExecuteAsync(context).ConfigureAwait(false);
        }));

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";
}
