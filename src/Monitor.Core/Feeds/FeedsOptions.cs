namespace Monitor.Core.Feeds;

/// <summary>Which feeds a pass polls. Bound from the configuration section "Feeds" (and MONITOR_FEEDS).</summary>
public sealed class FeedsOptions
{
    /// <summary>A feed list (one URL a line, or OPML) polled instead of the subscriptions; null polls the subscriptions.</summary>
    public string? File { get; set; }
}
