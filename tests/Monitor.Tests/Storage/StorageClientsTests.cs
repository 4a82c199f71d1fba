using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Core.Hosting;
using Monitor.Core.Storage;

namespace Monitor.Tests.Storage;

/// <summary>
/// The clients Microsoft.Extensions.Azure builds take their way in from the options alone (no request is made: the
/// endpoint and account of each built client, and the credential the options choose, are checked).
/// </summary>
public sealed class StorageClientsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddMonitor(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public void A_table_endpoint_means_the_identity_for_tables_and_queues()
    {
        using var services = Services(new()
        {
            ["Storage:TableServiceUri"] = "https://stmonitor.table.core.windows.net/",
            ["Storage:ClientId"] = "5c1f0a4e-2f7b-4a55-9a3e-0b1c2d3e4f50",
            ["MONITOR_STORAGE"] = "UseDevelopmentStorage=true", // the endpoint wins over a connection string
        });
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.True(options.UsesIdentity);
        var tables = services.GetRequiredService<TableServiceClient>();
        Assert.Equal(new Uri("https://stmonitor.table.core.windows.net/"), tables.Uri);
        Assert.Equal("stmonitor", tables.AccountName);
        var queues = services.GetRequiredService<QueueServiceClient>();
        Assert.Equal(new Uri("https://stmonitor.queue.core.windows.net/"), queues.Uri); // the same account's queues
        Assert.Equal("stmonitor", queues.AccountName);
        Assert.IsType<ManagedIdentityCredential>(StorageClients.Credential(options));
        Assert.IsType<DefaultAzureCredential>(StorageClients.Credential(new StorageOptions { TableServiceUri = options.TableServiceUri }));
    }

    [Fact]
    public void A_connection_string_alone_means_keys_and_its_endpoints()
    {
        using var services = Services(new() { ["MONITOR_STORAGE"] = "UseDevelopmentStorage=true" });
        Assert.False(services.GetRequiredService<IOptions<StorageOptions>>().Value.UsesIdentity);
        var tables = services.GetRequiredService<TableServiceClient>();
        Assert.Equal("devstoreaccount1", tables.AccountName);
        Assert.Equal(10002, tables.Uri.Port);
        var queues = services.GetRequiredService<QueueServiceClient>();
        Assert.Equal("devstoreaccount1", queues.AccountName);
        Assert.Equal(10001, queues.Uri.Port);
        Assert.Equal("http://127.0.0.1:10002", services.GetRequiredService<MonitorTables>().Endpoint);
    }

    [Fact]
    public void A_functions_app_with_identity_based_host_storage_reaches_that_account()
    {
        using var services = Services(new()
        {
            ["AzureWebJobsStorage:accountName"] = "sthost",
            ["AzureWebJobsStorage:clientId"] = "5c1f0a4e-2f7b-4a55-9a3e-0b1c2d3e4f50",
        });
        Assert.True(services.GetRequiredService<IOptions<StorageOptions>>().Value.UsesIdentity);
        Assert.Equal("sthost", services.GetRequiredService<TableServiceClient>().AccountName);
        Assert.Equal(new Uri("https://sthost.queue.core.windows.net/"), services.GetRequiredService<QueueServiceClient>().Uri);
    }
}
