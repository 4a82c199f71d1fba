using System.Net;
using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds;

public class NetworkPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("10.1.2.3", "private (10.0.0.0/8)")]
    [InlineData("172.16.0.1", "private (172.16.0.0/12)")]
    [InlineData("172.31.255.255", "private (172.16.0.0/12)")]
    [InlineData("192.168.1.1", "private (192.168.0.0/16)")]
    [InlineData("169.254.169.254", "link-local (169.254.0.0/16, cloud metadata)")]
    [InlineData("100.64.0.1", "carrier-grade NAT (100.64.0.0/10)")]
    [InlineData("100.127.255.255", "carrier-grade NAT (100.64.0.0/10)")]
    [InlineData("0.0.0.0", "unspecified (0.0.0.0/8)")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved (240.0.0.0/4)")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("192.0.0.170", "IETF protocol assignments (192.0.0.0/24)")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("198.18.0.1", "benchmarking (198.18.0.0/15)")]
    [InlineData("::", "unspecified (::)")]
    [InlineData("::1", "loopback (::1)")]
    [InlineData("fe80::1", "link-local (fe80::/10)")]
    [InlineData("febf::1", "link-local (fe80::/10)")]
    [InlineData("fec0::1", "site-local (fec0::/10)")]
    [InlineData("fd00::1", "unique-local (fc00::/7)")]
    [InlineData("fc00::1", "unique-local (fc00::/7)")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("100::1", "not global unicast")]
    [InlineData("2001:db8::1", "documentation (2001:db8::/32)")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo (2001::/32)")]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped 127.0.0.1: loopback")]
    [InlineData("::ffff:169.254.169.254", "IPv4-mapped 169.254.169.254: link-local (169.254.0.0/16, cloud metadata)")]
    [InlineData("::ffff:0:10.0.0.1", "IPv4-translated 10.0.0.1: private (10.0.0.0/8)")]
    [InlineData("::127.0.0.1", "IPv4-compatible (deprecated)")]
    [InlineData("::8.8.8.8", "IPv4-compatible (deprecated)")]
    [InlineData("64:ff9b::7f00:1", "NAT64 127.0.0.1: loopback")]
    [InlineData("64:ff9b::a9fe:a9fe", "NAT64 169.254.169.254: link-local (169.254.0.0/16, cloud metadata)")]
    [InlineData("64:ff9b:1::a00:1", "local-use NAT64 (64:ff9b:1::/48)")]
    [InlineData("2002:c0a8:0101::1", "6to4 192.168.1.1: private (192.168.0.0/16)")]
    public void Non_public_addresses_are_refused_and_say_what_they_are(string address, string kind)
    {
        Assert.False(NetworkPolicy.IsPublic(IPAddress.Parse(address)));
        Assert.Equal(kind, NetworkPolicy.WhyNotPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("151.101.1.1")]
    [InlineData("100.63.255.255")]  // just below CGNAT
    [InlineData("100.128.0.0")]     // just above CGNAT
    [InlineData("172.15.255.255")]  // just below 172.16/12
    [InlineData("172.32.0.0")]      // just above
    [InlineData("169.253.255.255")]
    [InlineData("223.255.255.255")] // last unicast before multicast
    [InlineData("2a00:1450:4001::1")]
    [InlineData("2606:4700::6810:85e5")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    [InlineData("2002:0808:0808::1")] // 6to4 of 8.8.8.8
    public void Public_addresses_are_public(string address)
    {
        Assert.True(NetworkPolicy.IsPublic(IPAddress.Parse(address)));
        Assert.Null(NetworkPolicy.WhyNotPublic(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_refusal_names_the_setting_that_lifts_it()
    {
        var refusal = new BlockedAddressException("10.0.0.1 resolves to a private, loopback or link-local address (10.0.0.1 private (10.0.0.0/8))");
        Assert.Equal("refused: 10.0.0.1 resolves to a private, loopback or link-local address (10.0.0.1 private (10.0.0.0/8)); "
            + "set MONITOR_ALLOW_PRIVATE_NETWORKS=true for local feeds", refusal.Message);
        Assert.StartsWith("refused redirect to http://10.0.0.1/: 10.0.0.1", BlockedAddressException.Reason(refusal.Detail, "http://10.0.0.1/"));
    }
}
