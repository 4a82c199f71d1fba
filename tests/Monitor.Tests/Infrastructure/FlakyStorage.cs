using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Monitor.Core.Storage;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// Storage that fails now and then the way the real service does (a dropped connection, a 503): every
/// <c>period</c>-th request fails once, before it reaches the server. Optionally runs a callback on a request.
/// </summary>
public sealed class FlakyStorage(int period, int callbackAt = 0, Action? callback = null) : HttpPipelinePolicy
{
    private int _requests;

    public int Failures { get; private set; }

    public TableClientOptions ClientOptions()
    {
        var options = MonitorTables.DefaultClientOptions();
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
        var n = Interlocked.Increment(ref _requests);
        if (n == callbackAt) callback?.Invoke();
        if (period > 0 && n % period == 0)
        {
            Failures++;
            throw new Azure.RequestFailedException(0, "connection reset (test)");
        }
    }
}
