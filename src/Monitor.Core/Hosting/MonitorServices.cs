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
    /// Registers the pipeline. Settings come from the sections Storage, Fetch, Feeds, Linking, Articles and Polling
    /// (and Digest, Smtp); the short environment names (MONITOR_STORAGE, MONITOR_ALLOW_PRIVATE_NETWORKS, MONITOR_FEEDS,
    /// MONITOR_ARTICLES) override them, and a Functions app falls back on its AzureWebJobsStorage account (a connection
    /// string, or identity-based: AzureWebJobsStorage__accountName and __clientId). Every options type is validated
    /// when the host starts (ValidateOnStart; the CLI runs the same validation when it builds the services), and the
    /// failures name option keys, which the hosts turn into their setting names (<see cref="SettingNames"/>).
    /// </summary>
    public static IServiceCollection AddMonitor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindSection(configuration, "Storage").Configure(o => HostStorage(configuration, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidation>());
        services.AddStorageClients();
        services.AddOptions<FetchOptions>().BindSection(configuration, "Fetch").Configure(o =>
        {
            if (configuration[NetworkPolicy.AllowSetting] is { } allow) o.AllowPrivateNetworks = ParseFlag(allow);
        }).ValidateOnStart();
        services.AddOptions<FeedsOptions>().BindSection(configuration, "Feeds").Configure(o =>
        {
            if (configuration[SettingNames.Feeds] is { Length: > 0 } file) o.File = file;
        }).ValidateOnStart();
        services.AddOptions<ArticlesOptions>().BindSection(configuration, "Articles").Configure(o =>
        {
            if (configuration[SettingNames.Articles] is { Length: > 0 } folder) o.Folder = folder;
        }).ValidateOnStart();
        services.AddOptions<LinkingOptions>().BindSection(configuration, "Linking").ValidateOnStart();
        services.AddOptions<PollingOptions>().BindSection(configuration, "Polling").ValidateOnStart();

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

    /// <summary>
    /// MONITOR_STORAGE over Storage:ConnectionString; with neither, the Functions host's own storage: its connection
    /// string, or in Azure its identity-based account (AzureWebJobsStorage__accountName/__clientId, no key), whose
    /// table and queue endpoints Monitor then reaches with that identity.
    /// </summary>
    private static void HostStorage(IConfiguration configuration, StorageOptions o)
    {
        var connection = configuration[SettingNames.Storage];
        var own = !string.IsNullOrWhiteSpace(configuration["Storage:ConnectionString"]);
        if (string.IsNullOrWhiteSpace(connection) && !own) connection = configuration[SettingNames.HostStorage];
        if (!string.IsNullOrWhiteSpace(connection)) o.ConnectionString = connection;
        if (configuration[SettingNames.HostStorage + ":accountName"] is not { Length: > 0 } account) return;
        if (o.TableServiceUri is null && string.IsNullOrWhiteSpace(connection) && !own)
        {
            o.TableServiceUri = configuration[SettingNames.HostStorage + ":tableServiceUri"] is { Length: > 0 } tables
                ? new Uri(tables)
                : new Uri($"https://{account}.table.core.windows.net");
            o.ClientId ??= configuration[SettingNames.HostStorage + ":clientId"];
        }
        if (o.UsesIdentity)
            o.QueueServiceUri ??= configuration[SettingNames.HostStorage + ":queueServiceUri"] is { Length: > 0 } queues
                ? new Uri(queues)
                : new Uri($"https://{account}.queue.core.windows.net");
    }

    private static bool ParseFlag(string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" or "" => false,
        _ => throw new OptionsValidationException(Options.DefaultName, typeof(FetchOptions), [$"Fetch:AllowPrivateNetworks must be true or false, not '{value}'"]),
    };
}
