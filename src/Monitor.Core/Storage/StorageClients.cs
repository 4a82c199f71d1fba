using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Core.Storage;

/// <summary>
/// The Table and Queue service clients, registered with Microsoft.Extensions.Azure. The way in is chosen once, from the
/// validated <see cref="StorageOptions"/> (<see cref="StorageOptions.UsesIdentity"/>): the connection string (Azurite
/// locally, or a key), or the service endpoints with the credential given to <c>UseCredential</c>. The factories read
/// the options when a client is first needed, so the hosts' overrides (MONITOR_STORAGE, AzureWebJobsStorage) apply.
/// </summary>
public static class StorageClients
{
    public static IServiceCollection AddStorageClients(this IServiceCollection services)
    {
        // AddAzureClients forwards the SDK's event sources to the logs: keep its errors, not a warning for every
        // expected 404 or 409 (an absent row, a table that exists), which Monitor never logged before.
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Error));
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(sp => Credential(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
            clients.AddClient<TableServiceClient, TableClientOptions>((defaults, credential, sp) =>
                Tables(sp.GetRequiredService<IOptions<StorageOptions>>().Value, credential, defaults))
                .ConfigureOptions(o => TableDefaults(o));
            // The newest service version the pinned Azurite (3.37) accepts; Azure serves it too.
            clients.AddClient<QueueServiceClient, QueueClientOptions>((defaults, credential, sp) =>
                Queues(sp.GetRequiredService<IOptions<StorageOptions>>().Value, credential, defaults))
                .WithVersion(QueueClientOptions.ServiceVersion.V2026_06_06)
                .ConfigureOptions(QueueDefaults);
        });
        return services;
    }

    /// <summary>
    /// The credential for <see cref="StorageOptions.UsesIdentity"/>: the user-assigned managed identity named by its
    /// client id (Storage:ClientId), as in Azure; without one (the CLI against Azure), DefaultAzureCredential: az/azd
    /// login, environment, workload or managed identity. No token is asked for until a request needs one.
    /// </summary>
    public static TokenCredential Credential(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId.Trim()));

    /// <summary>The table service as the container builds it, for code that has options but no container (tests).</summary>
    public static TableServiceClient Tables(StorageOptions options) => Tables(options, Credential(options), DefaultTableOptions());

    /// <summary>Monitor's table client options, for callers that add their own policies (tests, benchmarks).</summary>
    public static TableClientOptions DefaultTableOptions() => TableDefaults(new TableClientOptions());

    /// <summary>The table service, with <see cref="StorageOptions.ClientOptions"/> when set (tests' hooks) instead of the defaults.</summary>
    private static TableServiceClient Tables(StorageOptions options, TokenCredential credential, TableClientOptions defaults)
    {
        var clientOptions = options.ClientOptions ?? defaults;
        try
        {
            return options.UsesIdentity
                ? new TableServiceClient(options.TableServiceUri!, credential, clientOptions)
                : new TableServiceClient(options.ConnectionString, clientOptions);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // StorageOptionsValidation refuses these at start; this is for options made without the container.
            throw new StorageUnavailableException($"Storage:ConnectionString is not usable: {e.Message}", e);
        }
    }

    /// <summary>Transient errors (408, 429, 500, 502, 503, 504, timeouts) are retried with exponential backoff.</summary>
    public static TableClientOptions TableDefaults(TableClientOptions options)
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    private static QueueServiceClient Queues(StorageOptions options, TokenCredential credential, QueueClientOptions clientOptions)
    {
        foreach (var policy in options.QueuePolicies) clientOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        try
        {
            if (!options.UsesIdentity) return new QueueServiceClient(options.ConnectionString, clientOptions);
            return options.IdentityQueueUri is { } uri
                ? new QueueServiceClient(uri, credential, clientOptions)
                : throw new StorageUnavailableException($"Storage:QueueServiceUri is not set and cannot be told from Storage:TableServiceUri '{options.TableServiceUri}'");
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new StorageUnavailableException($"Storage:ConnectionString has no usable queue endpoint: {e.Message}", e);
        }
    }

    /// <summary>Messages are base64, the encoding the Functions queue trigger expects by default.</summary>
    private static void QueueDefaults(QueueClientOptions options)
    {
        options.MessageEncoding = QueueMessageEncoding.Base64;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
    }
}
