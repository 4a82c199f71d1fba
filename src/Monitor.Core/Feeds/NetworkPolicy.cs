using System.Net;
using System.Net.Sockets;

namespace Monitor.Core.Feeds;

/// <summary>
/// Which addresses a feed fetch may connect to. Checked on the address actually connected to, so neither
/// DNS tricks nor redirects reach the cloud metadata service or the private network behind the app.
/// </summary>
public static class NetworkPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0                                   // unspecified / "this network"
                || b[0] == 10                                    // RFC 1918
                || b[0] == 127                                   // loopback
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)    // CGNAT
                || (b[0] == 169 && b[1] == 254)                  // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)     // RFC 1918
                || (b[0] == 192 && b[1] == 168)                  // RFC 1918
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // IETF protocol assignments
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))   // benchmarking
                || b[0] >= 224);                                 // multicast, reserved, broadcast
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6Any)) return false;
            var b = address.GetAddressBytes();
            if ((b[0] & 0xFE) == 0xFC) return false;                 // unique local fc00::/7
            if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return false; // link-local fe80::/10
            if (b[0] == 0xFF) return false;                          // multicast
            if (address.IsIPv4Compatible()) return IsPublic(new IPAddress(b[12..]));
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) return IsPublic(new IPAddress(b[12..])); // NAT64
            return true;
        }
        return false;
    }

    private static bool IsIPv4Compatible(this IPAddress address)
    {
        var b = address.GetAddressBytes();
        for (var i = 0; i < 12; i++) if (b[i] != 0) return false;
        return true;
    }
}

/// <summary>A fetch refused because the feed's address is not public.</summary>
public sealed class BlockedAddressException(string message) : IOException(message);
