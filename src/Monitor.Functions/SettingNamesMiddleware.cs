using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Monitor.Core;
using Monitor.Core.Hosting;
using Monitor.Core.Storage;

namespace Monitor.Functions;

/// <summary>
/// A function that fails on a setting (Core names the option key, e.g. Digest:From) fails with the app setting's
/// name instead (Digest__From), the name the user changes in the template or the portal.
/// </summary>
public sealed class SettingNamesMiddleware(IConfiguration configuration) : IFunctionsWorkerMiddleware
{
    private readonly SettingNames _names = new(configuration);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (_names.Describe(e) is { } message && message != e.Message)
        {
            throw new MonitorInputException(message, e);
        }
        catch (StorageUnavailableException e) when (_names.Translate(e.Message) != e.Message)
        {
            throw new StorageUnavailableException(_names.Translate(e.Message), e);
        }
    }
}
