using Azure;
using Monitor.Core.Storage;

namespace Monitor.Api.Http;

/// <summary>Storage unreachable or refusing: what the API answers with 503. The SDK's retries end in an AggregateException of them.</summary>
internal static class StorageFailure
{
    public static bool Is(Exception e) => e switch
    {
        StorageUnavailableException or RequestFailedException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(Is),
        _ => false,
    };
}
