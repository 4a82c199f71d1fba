// Hand-written: PartitionedRateLimiter (per-host ConcurrencyLimiter) can throw ObjectDisposedException when it evicts an idle host as a fetch takes it (dotnet/runtime#99865, open), and it keeps idle hosts 10 s on a 100 ms timer instead of dropping them at once.
namespace Monitor.Core.Feeds.Fetching;

/// <summary>
/// At most N requests in flight per host. A host's semaphore exists only while someone holds or awaits it,
/// so polling thousands of hosts over months does not grow the table.
/// </summary>
internal sealed class HostLimiter(int perHost)
{
    private readonly int _perHost = Math.Max(1, perHost);
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Hosts with a request in flight or waiting (for tests: the table shrinks back to zero).</summary>
    public int TrackedHosts { get { lock (_gates) return _gates.Count; } }

    /// <summary>Waits for a slot on the host; dispose the lease to give it back.</summary>
    public async ValueTask<IDisposable> AcquireAsync(string host, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_gates)
        {
            if (!_gates.TryGetValue(host, out gate!)) _gates[host] = gate = new Gate(_perHost);
            gate.Users++;
        }
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(host, gate);
            throw;
        }
        return new Lease(this, host, gate);
    }

    private void Leave(string host, Gate gate)
    {
        lock (_gates)
        {
            if (--gate.Users > 0) return;
            _gates.Remove(host);
            gate.Semaphore.Dispose();
        }
    }

    private sealed class Gate(int slots)
    {
        public readonly SemaphoreSlim Semaphore = new(slots, slots);
        public int Users; // holders + waiters, guarded by the table's lock
    }

    /// <summary>One slot on one host; disposing it twice gives back one slot only.</summary>
    private sealed class Lease : IDisposable
    {
        private HostLimiter? _owner;
        private readonly string _host;
        private readonly Gate _gate;

        public Lease(HostLimiter owner, string host, Gate gate) => (_owner, _host, _gate) = (owner, host, gate);

        public void Dispose()
        {
            var owner = Interlocked.Exchange(ref _owner, null);
            if (owner is null) return;
            _gate.Semaphore.Release();
            owner.Leave(_host, _gate);
        }
    }
}
