using System.Net;
using System.Net.Sockets;

namespace Monitor.Core.Feeds.Fetching;

/// <summary>
/// The handler's ConnectCallback: resolves the host itself and connects only to addresses the policy allows.
/// The check is on the address actually connected to, after DNS, so DNS rebinding and redirects to a private
/// name are caught too; a refused address is never connected to.
/// </summary>
internal sealed class GuardedConnector(Func<IPEndPoint, bool> isAllowed)
{
    /// <summary>Resolves, filters, connects; throws <see cref="BlockedAddressException"/> when nothing is allowed.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => isAllowed(new IPEndPoint(a, port))).ToArray();
        if (allowed.Length == 0) throw new BlockedAddressException(Refusal(host, port, addresses));

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static string Refusal(string host, int port, IPAddress[] addresses)
    {
        var what = addresses.Length == 0
            ? "no address"
            : string.Join(", ", addresses.Select(a => NetworkPolicy.WhyNotPublic(a) is { } kind ? $"{a} {kind}" : $"{a} port {port} not allowed"));
        return $"{host} resolves to a private, loopback or link-local address ({what})";
    }
}
