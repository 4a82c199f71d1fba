using System.Net;
using System.Net.Sockets;

namespace Monitor.Core.Feeds;

/// <summary>
/// Which addresses a feed fetch may connect to. Checked on the address actually connected to, so neither
/// DNS tricks nor redirects reach the cloud metadata service or the private network behind the app.
/// </summary>
public static class NetworkPolicy
{
    /// <summary>The setting that lifts the policy, named in every refusal.</summary>
    public const string AllowSetting = "MONITOR_ALLOW_PRIVATE_NETWORKS";

    /// <summary>True when the address is on the public internet.</summary>
    public static bool IsPublic(IPAddress address) => WhyNotPublic(address) is null;

    /// <summary>What kind of non-public address this is ("loopback", "link-local", ...), or null when it is public.</summary>
    public static string? WhyNotPublic(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => WhyNotPublicV4(address.GetAddressBytes()),
        AddressFamily.InterNetworkV6 => WhyNotPublicV6(address.GetAddressBytes()),
        _ => "not an IP address",
    };

    private static string? WhyNotPublicV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified (0.0.0.0/8)",
        [10, ..] => "private (10.0.0.0/8)",
        [100, >= 64 and <= 127, ..] => "carrier-grade NAT (100.64.0.0/10)",
        [127, ..] => "loopback",
        [169, 254, ..] => "link-local (169.254.0.0/16, cloud metadata)",
        [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
        [192, 0, 0, _] => "IETF protocol assignments (192.0.0.0/24)",
        [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => "documentation",
        [192, 88, 99, _] => "6to4 relay anycast",
        [192, 168, ..] => "private (192.168.0.0/16)",
        [198, 18 or 19, ..] => "benchmarking (198.18.0.0/15)",
        [>= 224 and <= 239, ..] => "multicast",
        [255, 255, 255, 255] => "broadcast",
        [>= 240, ..] => "reserved (240.0.0.0/4)",
        _ => null,
    };

    // Only global unicast (2000::/3) is public; forms that embed an IPv4 address are judged by that address,
    // so ::ffff:127.0.0.1 or 64:ff9b::a9fe:a9fe cannot smuggle a private target past the check.
    private static string? WhyNotPublicV6(byte[] b)
    {
        if (b.AsSpan(0, 15).IndexOfAnyExcept((byte)0) < 0) return b[15] switch { 0 => "unspecified (::)", 1 => "loopback (::1)", _ => "IPv4-compatible (deprecated)" };
        if (b.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0 && b[10] == 0xFF && b[11] == 0xFF) return Embedded("IPv4-mapped", b[12..]);
        if (b.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0) return Embedded("IPv4-translated", b[12..]);
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0) return "IPv4-compatible (deprecated)";
        if (b is [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0, ..]) return Embedded("NAT64", b[12..]);
        if (b is [0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01, ..]) return "local-use NAT64 (64:ff9b:1::/48)";
        if ((b[0] & 0xFE) == 0xFC) return "unique-local (fc00::/7)";
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return "link-local (fe80::/10)";
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return "site-local (fec0::/10)";
        if (b[0] == 0xFF) return "multicast";
        if ((b[0] & 0xE0) != 0x20) return "not global unicast";
        if (b is [0x20, 0x01, 0x0D, 0xB8, ..]) return "documentation (2001:db8::/32)";
        if (b is [0x20, 0x01, 0x00, 0x00, ..]) return "Teredo (2001::/32)";
        if (b is [0x20, 0x02, ..]) return Embedded("6to4", b[2..6]);
        return null;
    }

    private static string? Embedded(string form, byte[] v4) =>
        WhyNotPublicV4(v4) is { } kind ? $"{form} {new IPAddress(v4)}: {kind}" : null;
}

/// <summary>A fetch refused because the feed's address is not public; <see cref="Detail"/> says which and why.</summary>
public sealed class BlockedAddressException(string detail) : IOException(Reason(detail, redirectedTo: null))
{
    /// <summary>The refused host and its addresses, without the advice.</summary>
    public string Detail { get; } = detail;

    /// <summary>The one-line refusal for a feed's health record, naming the redirect target when a hop was refused.</summary>
    public static string Reason(string detail, string? redirectedTo) =>
        (redirectedTo is null ? "refused: " : $"refused redirect to {redirectedTo}: ")
        + $"{detail}; set {NetworkPolicy.AllowSetting}=true for local feeds";
}
