using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace Monitor.Core.Storage;

/// <summary>
/// Monitor's tables. Items: every item once. Coverage: links, one partition per topic and per claim, newest first.
/// Feeds: one row per feed with its validators, health and the ids it has already delivered. Counts: coverage per day.
/// See docs/storage.md for the keys and why.
/// </summary>
public sealed class MonitorTables
{
    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public MonitorTables(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        var clientOptions = o.ClientOptions ?? DefaultClientOptions();
        try
        {
            _service = o.TableServiceUri is { } uri
                ? new TableServiceClient(IdentityEndpoint(uri), Credential(o.ClientId), clientOptions)
                : new TableServiceClient(o.ConnectionString, clientOptions);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new StorageUnavailableException(o.TableServiceUri is null
                ? $"the storage connection string is not usable: {e.Message}"
                : $"the storage settings are not usable: {e.Message}", e);
        }
        _prefix = o.TablePrefix;
        Items = _service.GetTableClient(_prefix + "Items");
        Coverage = _service.GetTableClient(_prefix + "Coverage");
        Feeds = _service.GetTableClient(_prefix + "Feeds");
        Digests = _service.GetTableClient(_prefix + "Digests");
        Counts = _service.GetTableClient(_prefix + "Counts");
    }

    public TableClient Items { get; }
    public TableClient Coverage { get; }
    public TableClient Feeds { get; }
    /// <summary>One row per digest recipient and local date: the record that makes sending exactly-once.</summary>
    public TableClient Digests { get; }
    /// <summary>Coverage counted per (topic or claim, day), recounted on write: what summaries read instead of coverage.</summary>
    public TableClient Counts { get; }

    public string Endpoint => _service.Uri.GetLeftPart(UriPartial.Authority);

    /// <summary>Creates the tables once per process; turns "cannot connect" into one clear error.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created) return;
        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_created) return;
            foreach (var table in new[] { Items, Coverage, Feeds, Digests, Counts })
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }
        catch (AuthenticationFailedException e)
        {
            throw new StorageUnavailableException($"storage at {Endpoint}: no token for the identity: {FirstLine(e.Message)}", e);
        }
        catch (RequestFailedException e) when (e.Status is 0 or 401 or 403)
        {
            throw new StorageUnavailableException($"storage at {Endpoint} refused the request: {FirstLine(e.Message)}", e);
        }
        catch (Exception e) when (e is RequestFailedException { Status: 0 } or AggregateException or HttpRequestException)
        {
            throw new StorageUnavailableException($"storage at {Endpoint} is unreachable (is Azurite running? see README)", e);
        }
        finally
        {
            _createLock.Release();
        }
    }

    /// <summary>Transient errors (408, 429, 500, 502, 503, 504, timeouts) are retried with exponential backoff.</summary>
    public static TableClientOptions DefaultClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }

    /// <summary>True when the tables are reached with a Microsoft Entra identity (Storage:TableServiceUri), not a key or Azurite.</summary>
    public bool UsesIdentity { get; private set; }

    private static Uri IdentityEndpoint(Uri uri) =>
        uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new ArgumentException($"Storage:TableServiceUri must be an absolute https URI, not '{uri}'");

    /// <summary>
    /// Azure: the user-assigned managed identity named by its client id (Storage:ClientId). Without one (the CLI
    /// against Azure), DefaultAzureCredential: az/azd login, environment, workload or managed identity.
    /// </summary>
    private TokenCredential Credential(string? clientId)
    {
        UsesIdentity = true;
        return IdentityCredential(clientId);
    }

    internal static TokenCredential IdentityCredential(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId.Trim()));

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
