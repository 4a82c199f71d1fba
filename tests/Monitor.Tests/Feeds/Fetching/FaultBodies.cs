using System.IO.Compression;
using System.Text;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>The bodies the fault server sends, built once.</summary>
internal static class FaultBodies
{
    public static readonly byte[] Feed = Encoding.UTF8.GetBytes(
        """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fault server</title><link>http://example.com/</link><description>d</description><item><title>One</title><link>http://example.com/1</link></item></channel></rss>""");

    public static readonly byte[] TruncatedXml = Feed[..(Feed.Length / 2)];

    public static readonly byte[] Html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>Moved</title></head><body>Not a feed</body></html>");

    /// <summary>10 MB of zeros gzipped: about 10 KB on the wire.</summary>
    public static readonly Lazy<byte[]> GzipBomb = new(() => Compress("gzip", new byte[10 * 1024 * 1024]));

    public const int EndlessBombMembers = 100;

    public static byte[] Compress(string encoding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true),
            _ => throw new ArgumentException(encoding),
        })
        {
            compressor.Write(data);
        }
        return output.ToArray();
    }
}
