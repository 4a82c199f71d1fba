using Azure.Data.Tables;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// Makes storage go away after a number of requests, the way a pass is cut off when Azurite or the network
/// dies mid-pass: every request after the cut fails at the transport, retries included.
/// </summary>
public sealed class FailingStorage(int failAfter) : StorageFaultPolicy
{
    public int FailAfter { get; set; } = failAfter;

    public TableClientOptions ClientOptions() => ClientOptions(maxRetries: 1);

    protected override void OnRequest(int number)
    {
        if (number > FailAfter) throw ConnectionFailure("storage is gone (test)");
    }
}
