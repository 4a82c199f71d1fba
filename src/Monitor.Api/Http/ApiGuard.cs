using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Monitor.Core;

namespace Monitor.Api.Http;

/// <summary>
/// Runs a handler and turns every failure into a problem response: input errors say what to fix, storage
/// failures are 503, anything else is a 500 with a trace id. The exception goes to the log, never to the client.
/// </summary>
public sealed class ApiGuard(ILogger<ApiGuard> logger)
{
    public async Task<IResult> RunAsync(HttpRequest request, Func<Task<IResult>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (ApiProblemException e)
        {
            return ApiResults.Problem(e.Problem, request);
        }
        catch (MonitorInputException e)
        {
            return ApiResults.Problem(new ApiProblem(StatusCodes.Status400BadRequest, ApiProblem.TypePrefix + "invalid-request", "Invalid request", e.Message), request);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            logger.LogWarning(e, "{Method} {Path}: storage failed", request.Method, request.Path.Value);
            return ApiResults.Problem(ApiProblem.StorageUnavailable(), request);
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw; // the client went away: nobody to answer
        }
        catch (Exception e)
        {
            var traceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? request.HttpContext.TraceIdentifier;
            logger.LogError(e, "{Method} {Path} failed (trace id {TraceId})", request.Method, request.Path.Value, traceId);
            return ApiResults.Problem(ApiProblem.Internal(traceId), request);
        }
    }
}
