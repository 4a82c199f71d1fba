using System.Net;
using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds;

public class NetworkPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Private_and_loopback_addresses_are_not_public(string address) =>
        Assert.False(NetworkPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("151.101.1.1")]
    [InlineData("2a00:1450:4001::1")]
    public void Public_addresses_are_public(string address) =>
        Assert.True(NetworkPolicy.IsPublic(IPAddress.Parse(address)));
}
