using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Monitor.Core.Digest.Delivery;

/// <summary>Sends through any SMTP server with MailKit: host, port, TLS mode and credentials from the "Smtp" settings.</summary>
public sealed class SmtpDigestTransport(IOptions<SmtpOptions> options) : IDigestTransport
{
    public string Describe() => $"{options.Value.Host}:{options.Value.Port}";

    public async Task<IDigestSession> OpenAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Host))
            throw new MonitorInputException("no SMTP server is set: set Smtp:Host (and Smtp:Port, Smtp:Security, Smtp:Username, Smtp:Password), or Digest:Folder to write digests to files");
        CheckPassword(o);
        var client = new SmtpClient { Timeout = (int)Math.Clamp(o.Timeout.TotalMilliseconds, 1000, int.MaxValue) };
        try
        {
            var security = o.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(o.Host.Trim(), o.Port, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(o.Username))
                await client.AuthenticateAsync(o.Username, o.Password ?? "", cancellationToken).ConfigureAwait(false);
            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// In Azure, Smtp:Password is a Key Vault reference that the platform replaces with the secret when the app
    /// starts. If the secret is missing or empty (SMTP_PASSWORD was empty at the first deployment) or the identity
    /// could not read it yet, the reference text itself arrives: it must never be sent as the password.
    /// </summary>
    internal static void CheckPassword(SmtpOptions o)
    {
        if (string.IsNullOrEmpty(o.Username)) return;
        if (o.Password?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
            throw new MonitorInputException("Smtp:Password is an unresolved Key Vault reference: the secret smtp-password is missing or empty, "
                + "or the app's identity could not read it when the app started; nothing was sent. Set the secret, then restart the app "
                + "(README, \"The SMTP password\")");
        if (string.IsNullOrEmpty(o.Password))
            throw new MonitorInputException("Smtp:Username is set but Smtp:Password is empty; nothing was sent. Set the password "
                + "(README, \"The SMTP password\"), or clear Smtp:Username for a server without authentication");
    }

    private sealed class Session(SmtpClient client) : IDigestSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (SmtpCommandException e)
            {
                // The reply code says most (e.g. 550 mailbox unavailable, 554 transaction failed); the text may be empty.
                var text = string.IsNullOrWhiteSpace(e.Message) ? e.ErrorCode.ToString() : e.Message.Trim();
                throw new IOException($"the SMTP server refused the message: {(int)e.StatusCode} {text}", e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            // The messages were accepted already; a failed QUIT changes nothing.
            try { if (client.IsConnected) await client.DisconnectAsync(true).ConfigureAwait(false); }
            catch (Exception e) when (e is IOException or SmtpProtocolException or SmtpCommandException or OperationCanceledException or TimeoutException) { }
            client.Dispose();
        }
    }
}
