namespace Monitor.Core.Feeds;

/// <summary>How feeds are fetched. Bound from the configuration section "Fetch".</summary>
public sealed class FetchOptions
{
    /// <summary>Name resolution plus TCP (and TLS) connect, per connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Whole request, redirects and body included: a server that drips bytes is cut here.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Largest body accepted, counted after decompression.</summary>
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;
    /// <summary>Redirects followed per fetch; each hop is checked again (scheme, address, per-host limit).</summary>
    public int MaxRedirects { get; set; } = 5;
    /// <summary>Feeds fetched at once in a pass (the global limit).</summary>
    public int MaxConcurrentFeeds { get; set; } = 16;
    /// <summary>Requests in flight to one host at once, so a pass never hammers one server.</summary>
    public int MaxConcurrentPerHost { get; set; } = 2;
    /// <summary>Longest wait taken from a server's Retry-After or Cache-Control max-age; longer ones are capped.</summary>
    public TimeSpan MaxServerDelay { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Sent with every request, so feed owners can see who polls them and how to reach us.</summary>
    public string UserAgent { get; set; } = "Monitor/0.1 (+https://github.com/monitor-news/monitor; news follow-up poller)";
    /// <summary>CPU time one feed may spend in parsing and clean-up before it fails with the reason (zero: no limit).</summary>
    public TimeSpan ParseBudget { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Allow feeds on loopback and private networks (local use and tests only).</summary>
    public bool AllowPrivateNetworks { get; set; }
}
