using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Monitor.Core.Storage;

namespace Monitor.Core.Digest;

/// <summary>
/// The Digests table: one partition per recipient (a hash of the address), one row per local date, keyed newest
/// first. Every write is conditional: taking the lease is an insert (409 for the second run) or an ETag-checked update
/// of a failed or abandoned row (412 for the second run), so two runs never both own a digest.
/// </summary>
public sealed class DigestStore(MonitorTables tables)
{
    public static string PartitionOf(string address) =>
        "r" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())))[..32];

    /// <summary>Days counted back from the last date, so a partition reads newest first.</summary>
    public static string RowKeyOf(DateOnly date) => (DateOnly.MaxValue.DayNumber - date.DayNumber).ToString("D7", CultureInfo.InvariantCulture);

    public async Task<DigestRecord?> GetAsync(string address, DateOnly date, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = await tables.Digests.GetEntityIfExistsAsync<TableEntity>(PartitionOf(address), RowKeyOf(date), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>Takes the lease on the digest of <paramref name="date"/> for this run, unless it was delivered or another run holds it.</summary>
    public async Task<DigestLease> AcquireLeaseAsync(string address, DateOnly date, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var existing = await GetAsync(address, date, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            var record = new DigestRecord { Address = address, Date = date, Status = DigestStatus.Claimed, Attempts = 1, Owner = owner, ClaimedAt = now };
            try
            {
                record.ETag = (await tables.Digests.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false)).Headers.ETag ?? default;
                return new DigestLease(LeaseOutcome.Acquired, record);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                return new DigestLease(LeaseOutcome.Held, await GetAsync(address, date, cancellationToken).ConfigureAwait(false));
            }
        }
        if (existing.Delivered) return new DigestLease(LeaseOutcome.Delivered, existing);
        if (existing.IsHeld(now, lease)) return new DigestLease(LeaseOutcome.Held, existing);

        // Failed, or abandoned by a run that was cut off: take it over, if no other run does so first.
        var from = existing.Status;
        existing.Status = DigestStatus.Claimed;
        existing.Owner = owner;
        existing.ClaimedAt = now;
        existing.Attempts++;
        return await TrySaveAsync(existing, cancellationToken).ConfigureAwait(false)
            ? new DigestLease(LeaseOutcome.Acquired, existing, from)
            : new DigestLease(LeaseOutcome.Held, await GetAsync(address, date, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Saves the record if nobody changed it since this run did; false when another run took it over.</summary>
    public async Task<bool> TrySaveAsync(DigestRecord record, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await tables.Digests.UpdateEntityAsync(ToEntity(record), record.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            record.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The latest digest delivered (sent or skipped) for a date before <paramref name="date"/>: where the next period starts.</summary>
    public Task<DigestRecord?> LastDeliveredBeforeAsync(string address, DateOnly date, CancellationToken cancellationToken = default) =>
        FirstDeliveredAsync(address, $"RowKey gt '{RowKeyOf(date)}'", cancellationToken);

    /// <summary>The latest digest delivered for <paramref name="date"/> or a later date.</summary>
    public Task<DigestRecord?> LastDeliveredFromAsync(string address, DateOnly date, CancellationToken cancellationToken = default) =>
        FirstDeliveredAsync(address, $"RowKey le '{RowKeyOf(date)}'", cancellationToken);

    private async Task<DigestRecord?> FirstDeliveredAsync(string address, string range, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // Keys are digits only, so the range needs no escaping; the partition key is a hash.
        var filter = $"PartitionKey eq '{PartitionOf(address)}' and {range} and (Status eq 'Sent' or Status eq 'Skipped')";
        await foreach (var row in tables.Digests.QueryAsync<TableEntity>(filter, maxPerPage: 10, cancellationToken: cancellationToken).ConfigureAwait(false))
            return FromEntity(row);
        return null;
    }

    private static TableEntity ToEntity(DigestRecord r) => new(PartitionOf(r.Address), RowKeyOf(r.Date))
    {
        ["Address"] = r.Address,
        ["Date"] = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Status"] = r.Status.ToString(),
        ["Attempts"] = r.Attempts,
        ["Owner"] = r.Owner,
        ["ClaimedAt"] = r.ClaimedAt,
        ["Start"] = r.Start,
        ["End"] = r.End,
        ["SendingAt"] = r.SendingAt,
        ["SentAt"] = r.SentAt,
        ["MessageId"] = r.MessageId,
        ["Subject"] = r.Subject,
        ["Stories"] = r.Stories,
        ["ItemIds"] = IdsToBytes(r.ItemIds),
        ["LastError"] = r.LastError,
        ["FailedAt"] = r.FailedAt,
    };

    private static DigestRecord FromEntity(TableEntity e) => new()
    {
        Address = e.GetString("Address") ?? "",
        Date = DateOnly.ParseExact(e.GetString("Date") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Status = Enum.TryParse<DigestStatus>(e.GetString("Status"), out var s) ? s : DigestStatus.Failed,
        Attempts = e.GetInt32("Attempts") ?? 0,
        Owner = e.GetString("Owner"),
        ClaimedAt = e.GetDateTimeOffset("ClaimedAt"),
        Start = e.GetDateTimeOffset("Start"),
        End = e.GetDateTimeOffset("End"),
        SendingAt = e.GetDateTimeOffset("SendingAt"),
        SentAt = e.GetDateTimeOffset("SentAt"),
        MessageId = e.GetString("MessageId"),
        Subject = e.GetString("Subject"),
        Stories = e.GetInt32("Stories") ?? 0,
        ItemIds = BytesToIds(e.GetBinary("ItemIds")),
        LastError = e.GetString("LastError"),
        FailedAt = e.GetDateTimeOffset("FailedAt"),
        ETag = e.ETag,
    };

    /// <summary>At most 8,000 ids (64 KiB, one binary property); a digest that large keeps its newest.</summary>
    public const int MaxItemIds = 8000;

    private static byte[] IdsToBytes(List<ulong> ids)
    {
        var count = Math.Min(ids.Count, MaxItemIds);
        var bytes = new byte[count * 8];
        for (var i = 0; i < count; i++) BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(i * 8), ids[i]);
        return bytes;
    }

    private static List<ulong> BytesToIds(byte[]? bytes)
    {
        var list = new List<ulong>((bytes?.Length ?? 0) / 8);
        for (var i = 0; bytes is not null && i + 8 <= bytes.Length; i += 8) list.Add(BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(i)));
        return list;
    }
}
