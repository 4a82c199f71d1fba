namespace Monitor.Core.Digest;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a local relay or test server only).</summary>
    None,
    /// <summary>Connect in plain text, then upgrade with STARTTLS; refuses a server that does not offer it (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>The SMTP server digests are sent through. Bound from the configuration section "Smtp" (environment: Smtp__Name).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    /// <summary>Leave empty for a server that needs no authentication.</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>Per SMTP operation; keep it well under <see cref="DigestOptions.Lease"/>.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);
}
