namespace Monitor.Core.Digest;

/// <summary>The daily digest e-mail. Bound from the configuration section "Digest" (environment: Digest__Name).</summary>
public sealed class DigestOptions
{
    /// <summary>The sender address, e.g. "Monitor &lt;monitor@example.org&gt;". Required to send.</summary>
    public string? From { get; set; }

    /// <summary>
    /// Comma-separated recipients. Each is an address, optionally followed by ':' and the topic ids it follows
    /// joined by '+' (e.g. "ana@example.org:border-clashes+zangezur-corridor"); without them, every topic.
    /// </summary>
    public string? Recipients { get; set; }

    /// <summary>The local time (HH:mm) at which the digest is sent.</summary>
    public string LocalTime { get; set; } = "07:00";

    /// <summary>The IANA time zone of <see cref="LocalTime"/>, e.g. "Asia/Yerevan".</summary>
    public string TimeZone { get; set; } = "Etc/UTC";

    /// <summary>Send nothing on a day with no new coverage and no feed in trouble (by default a short note is sent).</summary>
    public bool SkipEmpty { get; set; }

    /// <summary>When set, digests are written into this folder (.eml and .html) instead of being sent by SMTP.</summary>
    public string? Folder { get; set; }

    /// <summary>The followed article the digest covers; null for the default (seed) article.</summary>
    public string? Article { get; set; }

    /// <summary>A feed failing for longer than this is listed under "feeds in trouble".</summary>
    public TimeSpan TroubleAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a run's lease on a digest holds. A lease older than this was left by a run that was cut off,
    /// and the next run takes the digest over. It must exceed composing plus the SMTP timeout.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Items first seen in the period but published longer than this before it (a feed's backlog) are left out.</summary>
    public TimeSpan MaxItemAge { get; set; } = TimeSpan.FromDays(7);
}
