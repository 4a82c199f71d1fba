using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Monitor.Api.Endpoints;

namespace Monitor.Functions;

/// <summary>The OpenAPI description and the page to browse the story (both behind a function key, like the data they show).</summary>
public sealed class DocsApi(OpenApiEndpoint openApi, UiEndpoint ui)
{
    [Function("OpenApi")]
    public Task<IResult> OpenApiAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "openapi.json")] HttpRequest request) =>
        openApi.GetAsync(request);

    [Function("Ui")]
    public Task<IResult> UiAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ui")] HttpRequest request, CancellationToken cancellationToken) =>
        ui.GetAsync(request, cancellationToken);
}
