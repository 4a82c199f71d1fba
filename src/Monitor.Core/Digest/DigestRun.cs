using MimeKit;

namespace Monitor.Core.Digest;

/// <summary>
/// Sent: accepted by the server (or written to the folder). Previewed: composed only (dry run). Delivered: sent
/// or skipped before, nothing done. Held: another run is sending it. Skipped: nothing to say (Digest:SkipEmpty).
/// NotDue: before the local send time. Failed: not sent; the next run retries.
/// </summary>
public enum DigestOutcome { Sent, Previewed, Delivered, Held, Skipped, NotDue, Failed }

/// <summary>What happened to one recipient's digest in a run.</summary>
public sealed record DigestResult(Recipient Recipient, DateOnly Date, DigestOutcome Outcome)
{
    public DailyDigest? Digest { get; init; }
    public MimeMessage? Message { get; init; }
    public string? Error { get; init; }
    /// <summary>Set when this run took over a digest a cut-off run had left "sending": it may have reached the recipient already.</summary>
    public bool MayRepeat { get; init; }
    /// <summary>Set when the message was accepted but the "sent" mark could not be written: the next run may send it again.</summary>
    public string? Warning { get; init; }
}

/// <summary>What a digest run did, recipient by recipient.</summary>
public sealed record DigestRun(IReadOnlyList<DigestResult> Results, string Transport)
{
    public IReadOnlyList<DigestResult> Failed => Results.Where(r => r.Outcome == DigestOutcome.Failed).ToList();
}

/// <summary>Only for a run by hand: a date other than the one due, other recipients, or a preview that sends and records nothing.</summary>
public sealed record DigestRequest
{
    public DateOnly? Date { get; init; }
    public IReadOnlyList<Recipient>? Recipients { get; init; }
    public bool DryRun { get; init; }
}

/// <summary>A digest could not be sent; raised after every recipient was tried, so the timer's failure is visible.</summary>
public sealed class DigestDeliveryException(string message) : Exception(message);
