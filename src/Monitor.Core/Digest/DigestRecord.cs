using Azure;

namespace Monitor.Core.Digest;

/// <summary>
/// Claimed: a run holds the lease and is composing it. Sending: handed to the server. Sent: the server accepted it.
/// Skipped: nothing to say and Digest:SkipEmpty set. Failed: the server refused it or could not be reached; the next run retries.
/// </summary>
public enum DigestStatus { Claimed, Sending, Sent, Skipped, Failed }

/// <summary>One recipient's digest for one local date, as the Digests table records it.</summary>
public sealed class DigestRecord
{
    public required string Address { get; init; }
    public required DateOnly Date { get; init; }
    public DigestStatus Status { get; set; }
    /// <summary>How many runs have taken its lease (1 unless earlier attempts failed or were cut off).</summary>
    public int Attempts { get; set; }
    /// <summary>The run that holds the lease.</summary>
    public string? Owner { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    /// <summary>The coverage reported: first seen in [Start, End).</summary>
    public DateTimeOffset? Start { get; set; }
    public DateTimeOffset? End { get; set; }
    public DateTimeOffset? SendingAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? MessageId { get; set; }
    public string? Subject { get; set; }
    public int Stories { get; set; }
    /// <summary>The items the digest carried (64-bit id prefixes), so the next one, which reads back a little, skips them.</summary>
    public List<ulong> ItemIds { get; set; } = [];
    public string? LastError { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Sent or skipped: this period is done and the next digest starts at <see cref="End"/>.</summary>
    public bool Delivered => Status is DigestStatus.Sent or DigestStatus.Skipped;

    /// <summary>A lease still held by a run (not older than Digest:Lease), which other runs leave alone.</summary>
    public bool IsHeld(DateTimeOffset now, TimeSpan lease) =>
        Status is DigestStatus.Claimed or DigestStatus.Sending && (Status == DigestStatus.Sending ? SendingAt : ClaimedAt) is { } at && now - at < lease;
}

/// <summary>Acquired: this run holds the digest's lease. Delivered: already sent or skipped. Held: another run is at it.</summary>
public enum LeaseOutcome { Acquired, Delivered, Held }

public sealed record DigestLease(LeaseOutcome Outcome, DigestRecord? Record, DigestStatus? TakenOverFrom = null);
