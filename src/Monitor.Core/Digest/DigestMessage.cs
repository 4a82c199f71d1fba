using MimeKit;
using MimeKit.Utils;

namespace Monitor.Core.Digest;

/// <summary>The e-mail: multipart/alternative with the plain text first and the HTML second (clients show the last they can).</summary>
public static class DigestMessage
{
    /// <summary>The sender of Digest:From ("Name &lt;address&gt;" or an address), or an input error.</summary>
    public static MailboxAddress Sender(string from) =>
        MailboxAddress.TryParse(SafeText.OneLine(from), out var sender) && sender.Address.Contains('@')
            ? sender
            : throw new MonitorInputException($"Digest:From: '{from}' is not an e-mail address");

    public static MimeMessage Build(DailyDigest digest, string from, DateTimeOffset date)
    {
        var sender = Sender(from);
        var message = new MimeMessage();
        message.From.Add(sender);
        message.To.Add(new MailboxAddress("", digest.Recipient.Address));
        message.Subject = DigestWording.Subject(digest);
        message.Date = date;
        message.MessageId = MimeUtils.GenerateMessageId(sender.Domain is { Length: > 0 } domain ? domain : "localhost");
        // Automatic mail: no auto-replies (RFC 3834).
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Monitor-Digest", digest.Period.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        message.Body = new BodyBuilder { TextBody = DigestText.Render(digest), HtmlBody = DigestHtml.Render(digest) }.ToMessageBody();
        return message;
    }
}
