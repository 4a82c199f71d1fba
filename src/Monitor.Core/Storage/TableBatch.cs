using System.Text;
using Azure.Data.Tables;

namespace Monitor.Core.Storage;

/// <summary>
/// Writes entities in entity-group transactions that obey Azure's rules even where Azurite does not enforce
/// them: one partition per transaction, at most 100 actions, and a request body under 4 MiB.
/// </summary>
public static class TableBatch
{
    public const int MaxActions = 100;
    /// <summary>Azure's limit is 4 MiB for the whole request; keep a margin for the multipart framing.</summary>
    public const long MaxBytes = 4L * 1024 * 1024 - 256 * 1024;

    /// <summary>Transactions of one call in flight at once: the service works on one while the next is serialised and sent.</summary>
    public const int MaxInFlight = 4;

    /// <param name="merge">Merge into existing rows (keeping properties this write does not carry) instead of replacing them.</param>
    public static async Task<int> UpsertAsync(TableClient table, IEnumerable<ITableEntity> entities, CancellationToken cancellationToken, bool merge = false)
    {
        var requests = 0;
        var type = merge ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace;
        // Upserts are idempotent and independent of each other, so their order does not matter.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Plan(MergeSameKeys(entities).Select(e => new TableTransactionAction(type, e))), parallel, async (chunk, ct) =>
        {
            var rows = chunk.Select(a => a.Entity as TableEntity).ToList();
            if (rows.Contains(null) || !await UpsertTransaction.TrySendAsync(table, rows!, merge, ct).ConfigureAwait(false))
                await table.SubmitTransactionAsync(chunk, ct).ConfigureAwait(false);
            Interlocked.Increment(ref requests);
        }).ConfigureAwait(false);
        return requests;
    }

    /// <summary>
    /// One entity per key: Azure rejects a transaction that touches one row twice. Later properties win,
    /// so two feeds' copies of one item become one row carrying both sources.
    /// </summary>
    public static IEnumerable<ITableEntity> MergeSameKeys(IEnumerable<ITableEntity> entities)
    {
        var order = new List<ITableEntity>();
        var byKey = new Dictionary<(string, string), int>();
        foreach (var e in entities)
        {
            if (!byKey.TryGetValue((e.PartitionKey, e.RowKey), out var at))
            {
                byKey[(e.PartitionKey, e.RowKey)] = order.Count;
                order.Add(e);
            }
            else if (order[at] is TableEntity first && e is TableEntity next)
            {
                var merged = new TableEntity(first);
                foreach (var (key, value) in next) merged[key] = value;
                order[at] = merged;
            }
            else order[at] = e;
        }
        return order;
    }

    /// <summary>Splits actions into transactions that each satisfy <see cref="Validate"/>.</summary>
    public static IEnumerable<IReadOnlyList<TableTransactionAction>> Plan(IEnumerable<TableTransactionAction> actions)
    {
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var chunk = new List<TableTransactionAction>();
            long bytes = 0;
            foreach (var action in partition)
            {
                var size = EstimateBytes(action.Entity);
                if (chunk.Count > 0 && (chunk.Count == MaxActions || bytes + size > MaxBytes))
                {
                    yield return Validate(chunk);
                    chunk = [];
                    bytes = 0;
                }
                chunk.Add(action);
                bytes += size;
            }
            if (chunk.Count > 0) yield return Validate(chunk);
        }
    }

    /// <summary>Throws when a transaction would break Azure's rules; Azurite would accept it and hide the bug.</summary>
    public static IReadOnlyList<TableTransactionAction> Validate(IReadOnlyList<TableTransactionAction> transaction)
    {
        if (transaction.Count == 0) throw new InvalidOperationException("an empty transaction");
        if (transaction.Count > MaxActions)
            throw new InvalidOperationException($"a transaction of {transaction.Count} actions; Azure allows {MaxActions}");
        var partition = transaction[0].Entity.PartitionKey;
        if (transaction.Any(a => a.Entity.PartitionKey != partition))
            throw new InvalidOperationException("a transaction spanning several partitions; Azure allows one");
        if (transaction.Select(a => a.Entity.RowKey).Distinct(StringComparer.Ordinal).Count() != transaction.Count)
            throw new InvalidOperationException("a transaction touching one row twice; Azure allows each row once");
        var bytes = transaction.Sum(a => EstimateBytes(a.Entity));
        if (bytes > MaxBytes)
            throw new InvalidOperationException($"a transaction of about {bytes:N0} bytes; Azure allows 4 MiB");
        return transaction;
    }

    /// <summary>An upper estimate of an entity's size on the wire (JSON, UTF-8) plus per-action framing.</summary>
    public static long EstimateBytes(ITableEntity entity)
    {
        long size = 1024 + Encoding.UTF8.GetByteCount(entity.PartitionKey) + Encoding.UTF8.GetByteCount(entity.RowKey);
        if (entity is TableEntity t)
        {
            foreach (var (key, value) in t)
            {
                size += key.Length * 2 + 40;
                size += value switch
                {
                    string s => Encoding.UTF8.GetByteCount(s) * 2, // JSON escaping can double it
                    byte[] b => (b.Length + 2) / 3 * 4,
                    _ => 40,
                };
            }
        }
        return size;
    }
}
