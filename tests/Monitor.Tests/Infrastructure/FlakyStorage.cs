using Azure.Data.Tables;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// Storage that fails now and then the way the real service does (a dropped connection): every
/// <c>period</c>-th request fails once, before it reaches the server. Optionally runs a callback on a request.
/// </summary>
public sealed class FlakyStorage(int period, int callbackAt = 0, Action? callback = null) : StorageFaultPolicy
{
    public int Failures { get; private set; }

    public TableClientOptions ClientOptions() => ClientOptions(maxRetries: null);

    protected override void OnRequest(int number)
    {
        if (number == callbackAt) callback?.Invoke();
        // A retry always goes through: with requests in flight at once, a retry could otherwise land on the next
        // multiple of the period again and again and run out of retries, which is luck, not what is tested.
        if (period > 0 && number % period == 0 && !IsRetry)
        {
            Failures++;
            throw ConnectionFailure("connection reset (test)");
        }
    }
}
