using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Monitor.Core.Storage;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// A pipeline policy on the table clients that sees every storage request (retries included) before it
/// leaves, so a test can make storage fail the way the transport does. Subclasses decide what happens.
/// </summary>
public abstract class StorageFaultPolicy : HttpPipelinePolicy
{
    private int _requests;

    public int Requests => _requests;

    /// <summary>Monitor's client options with this policy added and fast retries (<paramref name="maxRetries"/> of them).</summary>
    public TableClientOptions ClientOptions(int? maxRetries = null)
    {
        var options = StorageClients.DefaultTableOptions();
        if (maxRetries is { } retries) options.Retry.MaxRetries = retries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>Called with the 1-based number of each request; throw to fail it.</summary>
    protected abstract void OnRequest(int number);

    /// <summary>The request's body as text ("" when it has none): what a transaction writes, for policies that look into it.</summary>
    public static string RequestText(HttpMessage message)
    {
        if (message.Request.Content is not { } content) return "";
        using var body = new MemoryStream();
        content.WriteTo(body, default);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    /// <summary>What the transport throws when a connection fails: retriable, like the real thing.</summary>
    protected static Exception ConnectionFailure(string what) => new Azure.RequestFailedException(0, what);

    /// <summary>Whether the request being sent is a retry of one that failed (the pipeline's count for this message).</summary>
    protected bool IsRetry => _retry.Value;
    private readonly AsyncLocal<bool> _retry = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        _retry.Value = message.ProcessingContext.RetryNumber > 0;
        OnRequest(Interlocked.Increment(ref _requests));
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        _retry.Value = message.ProcessingContext.RetryNumber > 0;
        OnRequest(Interlocked.Increment(ref _requests));
        return ProcessNextAsync(message, pipeline);
    }
}
