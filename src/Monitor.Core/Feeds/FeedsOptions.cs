namespace Monitor.Core.Feeds;

/// <summary>Which feeds a pass polls. Bound from the configuration section "Feeds" (and MONITOR_FEEDS).</summary>
public sealed class FeedsOptions
{
    /// <summary>A feed list (one URL a line, or OPML); null polls the default feeds shipped with Monitor.</summary>
    public string? File { get; set; }
}

/// <summary>The configured feed list, read at each pass so an edited file takes effect without a restart.</summary>
public sealed class ConfiguredFeeds(Microsoft.Extensions.Options.IOptions<FeedsOptions> options)
{
    public IReadOnlyList<FeedSource> Load(string? file = null)
    {
        file ??= options.Value.File;
        return string.IsNullOrWhiteSpace(file) ? FeedList.Defaults() : FeedList.ReadFile(file);
    }
}
