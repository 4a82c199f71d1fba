using Azure;
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

    /// <param name="service">The table service <see cref="StorageClients"/> registers: the way in is decided there, from the options.</param>
    /// <param name="options">For the table prefix.</param>
    public MonitorTables(TableServiceClient service, IOptions<StorageOptions> options)
    {
        _service = service;
        _prefix = options.Value.TablePrefix;
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

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
