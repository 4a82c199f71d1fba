namespace Monitor.Core.Storage;

/// <summary>Where Monitor keeps its tables. Bound from the configuration section "Storage".</summary>
public sealed class StorageOptions
{
    /// <summary>A Table Storage connection string; the default is the local emulator (Azurite on 127.0.0.1:10002).</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";
    /// <summary>
    /// The Table service endpoint (https://ACCOUNT.table.core.windows.net) for access with a Microsoft Entra identity
    /// instead of keys, as in Azure. When set, it wins over <see cref="ConnectionString"/>: see <see cref="UsesIdentity"/>.
    /// </summary>
    public Uri? TableServiceUri { get; set; }
    /// <summary>
    /// With <see cref="TableServiceUri"/>: the Queue service endpoint (https://ACCOUNT.queue.core.windows.net) for the
    /// polling fan-out; when absent, the same account's queue endpoint. Without an identity, queues use
    /// <see cref="ConnectionString"/> (Azurite: its QueueEndpoint).
    /// </summary>
    public Uri? QueueServiceUri { get; set; }
    /// <summary>
    /// With <see cref="TableServiceUri"/>: the client id of the user-assigned managed identity to use. Empty uses
    /// DefaultAzureCredential (a developer's az/azd login, or the environment's identity).
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The one decision between the two ways in: tables and queues are reached with a Microsoft Entra identity when
    /// <see cref="TableServiceUri"/> is set, else with <see cref="ConnectionString"/> (a key, or Azurite).
    /// </summary>
    public bool UsesIdentity => TableServiceUri is not null;

    /// <summary>The queue endpoint used with an identity: <see cref="QueueServiceUri"/>, else the table account's.</summary>
    public Uri? IdentityQueueUri => QueueServiceUri ?? (TableServiceUri is { } tables && tables.IsAbsoluteUri && tables.Host.Contains(".table.", StringComparison.OrdinalIgnoreCase)
        ? new UriBuilder(tables) { Host = tables.Host.Replace(".table.", ".queue.", StringComparison.OrdinalIgnoreCase), Path = "/" }.Uri
        : null);
    /// <summary>Prepended to every table name, so several installations can share one account.</summary>
    public string TablePrefix { get; set; } = "";
    /// <summary>Client options for the table clients (retry, diagnostics, extra pipeline policies); Monitor's retry defaults apply when null.</summary>
    public Azure.Data.Tables.TableClientOptions? ClientOptions { get; set; }
    /// <summary>Extra pipeline policies for the queue clients (request counting, fault injection in tests).</summary>
    public IList<Azure.Core.Pipeline.HttpPipelinePolicy> QueuePolicies { get; } = [];
}
