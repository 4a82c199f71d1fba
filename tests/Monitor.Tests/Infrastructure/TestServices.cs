using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Hosting;

namespace Monitor.Tests.Infrastructure;

/// <summary>The composition root wired to a test's own tables in Azurite, with loopback feeds allowed.</summary>
public static class TestServices
{
    private static readonly string EmptyArticlesFolder = Directory.CreateTempSubdirectory("monitor-no-articles").FullName;

    public static IConfiguration Configuration(AzuriteFixture azurite, string prefix, IDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["MONITOR_STORAGE"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["Polling:QueueName"] = prefix.ToLowerInvariant() + "-shards",
            ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = "true",
            // Tests follow the seed article only, whatever a user of this machine added to their own folder.
            ["MONITOR_ARTICLES"] = EmptyArticlesFolder,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) values[k] = v;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public static ServiceProvider Create(AzuriteFixture azurite, string? prefix = null, IDictionary<string, string?>? extra = null,
        Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection().AddMonitor(Configuration(azurite, prefix ?? azurite.NewPrefix(), extra));
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
