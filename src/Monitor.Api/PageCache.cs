using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Monitor.Api;

/// <summary>Settings of the API (configuration section "Api").</summary>
public sealed class ApiOptions
{
    /// <summary>
    /// How long a coverage response is reused: new coverage only arrives with a polling pass (every 15 minutes by
    /// default), so a few seconds are never noticed, and a burst of readers costs one storage query. 0 turns it off.
    /// </summary>
    public double CacheSeconds { get; set; } = 5;
}

/// <summary>
/// Coverage responses (serialised JSON) kept per request for <see cref="ApiOptions.CacheSeconds"/>. Readers who
/// ask at once share one storage query. Once a response is older than that, the next reader starts one refresh
/// and every reader gets the previous response until it lands, so no reader waits on storage for a refresh;
/// past <see cref="MaxStale"/> (storage failing) readers wait and see the error. Failures are never kept.
/// </summary>
public sealed class PageCache(IOptions<ApiOptions> options, TimeProvider time)
{
    private const int MaxEntries = 2048;
    private static readonly TimeSpan MaxStale = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<byte[]> GetAsync(string key, Func<Task<byte[]>> load, CancellationToken cancellationToken)
    {
        var ttl = TimeSpan.FromSeconds(options.Value.CacheSeconds);
        if (ttl <= TimeSpan.Zero) return await load().ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var cached) && cached.Value.Value.IsCompletedSuccessfully)
        {
            if (cached.Expires > now) return cached.Value.Value.Result;
            if (now - cached.Expires < MaxStale)
            {
                if (Interlocked.Exchange(ref cached.Refreshing, 1) == 0) _ = RefreshAsync(key, cached, load, ttl);
                return cached.Value.Value.Result;
            }
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, cached));
        }

        if (_entries.Count >= MaxEntries) Prune(now);
        var entry = _entries.AddOrUpdate(key, _ => new Entry(load, now + ttl),
            (_, old) => old.Value.IsValueCreated && (old.Value.Value.IsFaulted || old.Value.Value.IsCanceled) ? new Entry(load, now + ttl) : old);
        try
        {
            // The shared query runs to its end; this reader stops waiting when it goes away.
            return await entry.Value.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    private async Task RefreshAsync(string key, Entry stale, Func<Task<byte[]>> load, TimeSpan ttl)
    {
        try
        {
            var fresh = await load().ConfigureAwait(false);
            _entries.TryUpdate(key, new Entry(() => Task.FromResult(fresh), time.GetUtcNow() + ttl), stale);
        }
        catch (Exception)
        {
            // Keep the stale response (until MaxStale) and let a later reader try again; a reader that waits sees the error.
            Volatile.Write(ref stale.Refreshing, 0);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
            if (now - entry.Expires > MaxStale) _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        if (_entries.Count >= MaxEntries) _entries.Clear();
    }

    private sealed class Entry(Func<Task<byte[]>> load, DateTimeOffset expires)
    {
        public int Refreshing;
        public Lazy<Task<byte[]>> Value { get; } = new(load);
        public DateTimeOffset Expires { get; } = expires;
    }
}
