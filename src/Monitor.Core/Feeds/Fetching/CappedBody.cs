using System.Buffers;

namespace Monitor.Core.Feeds.Fetching;

/// <summary>
/// Reads a response body up to a byte limit counted on the decompressed stream, and stops at the first byte
/// over it: a gzip bomb or an endless body costs at most the limit in memory, never its full size.
/// </summary>
internal static class CappedBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        // A declared length over the limit fails before reading (only meaningful when nothing was decoded).
        if (content.Headers.ContentLength > maxBytes && content.Headers.ContentEncoding.Count == 0) return null;

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Sized from the declared length when there is one: growing by doubling would allocate twice the body in garbage.
        using var buffer = new MemoryStream(content.Headers.ContentLength is { } length && content.Headers.ContentEncoding.Count == 0
            ? (int)Math.Min(length, maxBytes) : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }
}
