using Microsoft.Extensions.Options;
using Monitor.Core.Feeds.Subscriptions;

namespace Monitor.Core.Feeds;

/// <summary>
/// The feeds a pass polls: an explicit file (poll --feeds, or MONITOR_FEEDS / Feeds:File) wins, else the stored
/// subscriptions. Read at each pass, so an edited file or a new subscription takes effect without a restart.
/// </summary>
public sealed class ConfiguredFeeds(IOptions<FeedsOptions> options, SubscriptionStore subscriptions)
{
    /// <summary>The configured feed file, or null when passes poll the subscriptions.</summary>
    public string? OverrideFile => string.IsNullOrWhiteSpace(options.Value.File) ? null : options.Value.File;

    public async Task<IReadOnlyList<FeedSource>> LoadAsync(string? file = null, CancellationToken cancellationToken = default)
    {
        file = string.IsNullOrWhiteSpace(file) ? OverrideFile : file;
        if (file is not null) return FeedList.ReadFile(file);
        var list = await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false);
        return list.Select(s => s.ToSource()).ToList();
    }
}
