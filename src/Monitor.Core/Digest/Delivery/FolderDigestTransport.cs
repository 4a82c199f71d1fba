using System.Text;
using MimeKit;

namespace Monitor.Core.Digest.Delivery;

/// <summary>
/// Writes each digest into a folder instead of sending it: the whole message as .eml (open it in any mail
/// client) and its HTML part as .html (open it in a browser). For local use and previews.
/// </summary>
public sealed class FolderDigestTransport(string folder) : IDigestTransport
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public string Describe() => Folder;

    public Task<IDigestSession> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MonitorInputException($"Digest:Folder: cannot create '{Folder}': {e.Message}");
        }
        return Task.FromResult<IDigestSession>(new Session(this));
    }

    /// <summary>The file name (without extension) of a message: its digest date and recipient, filesystem-safe.</summary>
    public static string NameOf(MimeMessage message)
    {
        var date = message.Headers["X-Monitor-Digest"] ?? message.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = message.To.Mailboxes.FirstOrDefault()?.Address ?? "unknown";
        var safe = new StringBuilder();
        foreach (var c in to.ToLowerInvariant()) safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_');
        return $"digest-{date}-{safe}";
    }

    private sealed class Session(FolderDigestTransport transport) : IDigestSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var path = Path.Combine(transport.Folder, NameOf(message));
            // Written under a temporary name and moved, so a reader never sees half a message.
            await WriteAsync(path + ".html", s => s.WriteAsync(Encoding.UTF8.GetBytes(message.HtmlBody ?? ""), cancellationToken).AsTask()).ConfigureAwait(false);
            await WriteAsync(path + ".eml", s => message.WriteToAsync(s, cancellationToken)).ConfigureAwait(false);
        }

        private static async Task WriteAsync(string path, Func<Stream, Task> write)
        {
            var temp = path + ".tmp";
            await using (var stream = File.Create(temp)) await write(stream).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
