using System.Security.Cryptography;
using System.Text;

namespace Monitor.Core.Feeds;

/// <summary>A feed to poll.</summary>
public sealed record FeedSource(string Url, string? Title = null)
{
    /// <summary>A storage-safe key for the feed: a hash of its URL.</summary>
    public string Key => KeyOf(Url);

    public static string KeyOf(string url) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..32];
}
