using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Monitor.Core.Storage;

/// <summary>
/// Monitor's tables. Items: every item once. Coverage: links, one partition per topic and per claim, newest first.
/// Feeds: one row per feed with its validators, health and the ids it has already delivered.
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
            _service = new TableServiceClient(o.ConnectionString, clientOptions);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new StorageUnavailableException($"the storage connection string is not usable: {e.Message}", e);
        }
        _prefix = o.TablePrefix;
        Items = _service.GetTableClient(_prefix + "Items");
        Coverage = _service.GetTableClient(_prefix + "Coverage");
        Feeds = _service.GetTableClient(_prefix + "Feeds");
    }

    public TableClient Items { get; }
    public TableClient Coverage { get; }
    public TableClient Feeds { get; }

    public string Endpoint => _service.Uri.GetLeftPart(UriPartial.Authority);

    /// <summary>Creates the tables once per process; turns "cannot connect" into one clear error.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created) return;
        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_created) return;
            foreach (var table in new[] { Items, Coverage, Feeds })
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
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

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
