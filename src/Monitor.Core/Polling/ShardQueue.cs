using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Monitor.Core.Storage;

namespace Monitor.Core.Polling;

/// <summary>
/// The shard queue and its poison queue in the storage account (Azurite's queue service locally). Messages
/// are base64, the encoding the Functions queue trigger expects by default (set in <see cref="StorageClients"/>).
/// </summary>
public sealed class ShardQueue
{
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    /// <param name="service">The queue service <see cref="StorageClients"/> registers (connection string or identity, from the options).</param>
    public ShardQueue(QueueServiceClient service, IOptions<PollingOptions> polling)
    {
        Shards = service.GetQueueClient(polling.Value.QueueName);
        Poison = service.GetQueueClient(polling.Value.QueueName + "-poison");
    }

    public QueueClient Shards { get; }
    public QueueClient Poison { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created) return;
        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_created) return;
            await Shards.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _created = true;
        }
        catch (Exception e) when (e is RequestFailedException { Status: 0 } or AggregateException or HttpRequestException)
        {
            throw new StorageUnavailableException($"the queue service at {Shards.Uri.GetLeftPart(UriPartial.Authority)} is unreachable (is Azurite's queue service running? see README)", e);
        }
        finally
        {
            _createLock.Release();
        }
    }

    public async Task SendAsync(PollShard shard, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Shards.SendMessageAsync(shard.ToJson(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when no message is left, visible or not (one still being worked on counts).</summary>
    public async Task<bool> IsDrainedAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        QueueProperties shards = await Shards.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        QueueProperties poison = await Poison.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        return shards.ApproximateMessagesCount == 0 && poison.ApproximateMessagesCount == 0;
    }
}
