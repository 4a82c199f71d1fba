using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Core.Articles;
using Monitor.Core.Articles.Extraction;
using Monitor.Core.Digest;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Fetching;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Linking;
using Monitor.Core.Polling;
using Monitor.Core.Query;
using Monitor.Core.Storage;

namespace Monitor.Core.Hosting;

/// <summary>The one composition root: the Functions app and the CLI both call <see cref="AddMonitor"/>.</summary>
public static class MonitorServices
{
    /// <summary>
    /// Registers the pipeline. Settings come from the sections Storage, Fetch, Feeds, Linking and Articles;
    /// the short environment names (MONITOR_STORAGE, MONITOR_ALLOW_PRIVATE_NETWORKS, MONITOR_FEEDS,
    /// MONITOR_ARTICLES) override them, and a Functions app falls back on its AzureWebJobsStorage account
    /// (a connection string, or identity-based: AzureWebJobsStorage__accountName and __clientId).
    /// </summary>
    public static IServiceCollection AddMonitor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Storage")).Configure(o =>
        {
            var connection = configuration["MONITOR_STORAGE"];
            if (string.IsNullOrWhiteSpace(connection) && string.IsNullOrWhiteSpace(configuration["Storage:ConnectionString"]))
                connection = configuration["AzureWebJobsStorage"];
            if (!string.IsNullOrWhiteSpace(connection)) o.ConnectionString = connection;
            // In Azure the host's storage is identity-based (AzureWebJobsStorage__accountName/__clientId, no key):
            // without Storage:TableServiceUri or a connection string, Monitor's tables use that account and identity.
            if (o.TableServiceUri is null && string.IsNullOrWhiteSpace(connection)
                && string.IsNullOrWhiteSpace(configuration["Storage:ConnectionString"])
                && configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } account)
            {
                o.TableServiceUri = configuration["AzureWebJobsStorage:tableServiceUri"] is { Length: > 0 } tables
                    ? new Uri(tables)
                    : new Uri($"https://{account}.table.core.windows.net");
                o.ClientId ??= configuration["AzureWebJobsStorage:clientId"];
            }
            if (o.QueueServiceUri is null && o.TableServiceUri is not null && configuration["AzureWebJobsStorage:accountName"] is { Length: > 0 } queueAccount)
                o.QueueServiceUri = configuration["AzureWebJobsStorage:queueServiceUri"] is { Length: > 0 } queues
                    ? new Uri(queues)
                    : new Uri($"https://{queueAccount}.queue.core.windows.net");
        });
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection("Fetch")).Configure(o =>
        {
            if (configuration["MONITOR_ALLOW_PRIVATE_NETWORKS"] is { } allow)
                o.AllowPrivateNetworks = ParseFlag(allow, "MONITOR_ALLOW_PRIVATE_NETWORKS");
        });
        services.AddOptions<FeedsOptions>().Bind(configuration.GetSection("Feeds")).Configure(o =>
        {
            if (configuration["MONITOR_FEEDS"] is { Length: > 0 } file) o.File = file;
        });
        services.AddOptions<ArticlesOptions>().Bind(configuration.GetSection("Articles")).Configure(o =>
        {
            if (configuration["MONITOR_ARTICLES"] is { Length: > 0 } folder) o.Folder = folder;
        });
        services.AddOptions<LinkingOptions>().Bind(configuration.GetSection("Linking"));
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection("Polling"));

        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton(sp => ArticleCatalog.Load(sp.GetRequiredService<IOptions<ArticlesOptions>>().Value.Folder));
        services.AddSingleton<TextAnalysis>();
        services.AddSingleton<ClaimExtractor>();
        services.AddSingleton<ArticleReader>();
        services.AddSingleton<ArticleFolder>();
        services.AddSingleton<ArticleAdder>();
        services.AddSingleton<Linker>();
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<FeedProbe>();
        services.AddSingleton<ConfiguredFeeds>();
        services.AddSingleton<FeedSubscriber>();
        services.AddSingleton<SubscriptionHealth>();
        services.AddSingleton<MonitorTables>();
        services.AddSingleton<ItemStore>();
        services.AddSingleton<CoverageCounts>();
        services.AddSingleton<CoverageStore>();
        services.AddSingleton<FeedStateStore>();
        services.AddSingleton<HealthStore>();
        services.AddSingleton<PollRunner>();
        services.AddSingleton<FeedLeases>();
        services.AddSingleton<ShardQueue>();
        services.AddSingleton<ShardDispatcher>();
        services.AddSingleton<ShardWorker>();
        services.AddSingleton<PoisonShards>();
        services.AddSingleton<QueueWorker>();
        services.AddSingleton<CoverageQuery>();
        services.AddSingleton<CoveragePager>();
        services.AddSingleton<ClaimActivityQuery>();
        services.AddSingleton<Relinker>();
        services.AddDigest(configuration);
        return services;
    }

    private static bool ParseFlag(string value, string name) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" or "" => false,
        _ => throw new MonitorInputException($"{name} must be true or false, not '{value}'"),
    };
}
