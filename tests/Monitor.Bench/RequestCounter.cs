using Azure.Core;
using Azure.Core.Pipeline;

namespace Monitor.Bench;

/// <summary>Counts the storage requests actually sent (retries included).</summary>
public sealed class RequestCounter : HttpPipelinePolicy
{
    private int _count;

    public int Count => _count;

    public int Reset() => Interlocked.Exchange(ref _count, 0);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        return ProcessNextAsync(message, pipeline);
    }
}
