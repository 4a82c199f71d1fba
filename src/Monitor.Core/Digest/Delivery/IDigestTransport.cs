using MimeKit;

namespace Monitor.Core.Digest.Delivery;

/// <summary>Where digests go: an SMTP server, or a folder of files for local use and previews.</summary>
public interface IDigestTransport
{
    /// <summary>Opens a session (for SMTP: connected and authenticated), so a failure to reach the server is known before anything is marked as sending.</summary>
    Task<IDigestSession> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Where messages go, for reports (e.g. "smtp.example.org:587" or a folder path).</summary>
    string Describe();
}

/// <summary>An open session; <see cref="SendAsync"/> returns once the message was accepted.</summary>
public interface IDigestSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
