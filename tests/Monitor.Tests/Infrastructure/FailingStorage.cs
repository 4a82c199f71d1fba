using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Monitor.Core.Storage;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// Makes storage go away after a number of requests, the way a pass is cut off when Azurite or the network
/// dies mid-pass: every request after the cut fails at the transport, retries included.
/// </summary>
public sealed class FailingStorage : HttpPipelinePolicy
{
    private int _requests;

    public FailingStorage(int failAfter) => FailAfter = failAfter;

    public int FailAfter { get; set; }
    public int Requests => _requests;

    public TableClientOptions ClientOptions()
    {
        var options = MonitorTables.DefaultClientOptions();
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check();
        return ProcessNextAsync(message, pipeline);
    }

    private void Check()
    {
        if (Interlocked.Increment(ref _requests) > FailAfter)
            throw new Azure.RequestFailedException(0, "storage is gone (test)"); // what the transport throws when a connection fails
    }
}
