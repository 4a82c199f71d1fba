using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitor.Tests.Feeds.Fetching;

/// <summary>
/// A TCP server on 127.0.0.1 that answers every connection with the same raw bytes and then closes cleanly
/// (FIN, not RST): for responses Kestrel will not send, such as a body shorter than its Content-Length.
/// </summary>
public sealed class RawServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _response;

    public RawServer(string response)
    {
        _response = Encoding.ASCII.GetBytes(response);
        _listener.Start();
        _ = Task.Run(AcceptLoopAsync);
    }

    public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/{path.TrimStart('/')}";

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(() => AnswerAsync(socket));
        }
    }

    private async Task AnswerAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                await ReadRequestHeadAsync(socket);
                await socket.SendAsync(_response, _stop.Token);
                socket.Shutdown(SocketShutdown.Send);
                // Drain until the client closes, so our close is a FIN after its data, never an RST.
                var sink = new byte[1024];
                while (await socket.ReceiveAsync(sink, _stop.Token) > 0) { }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        }
    }

    private async Task ReadRequestHeadAsync(Socket socket)
    {
        var head = new List<byte>();
        var buffer = new byte[1024];
        while (!EndsWithBlankLine(head))
        {
            var read = await socket.ReceiveAsync(buffer, _stop.Token);
            if (read == 0) return;
            head.AddRange(buffer.AsSpan(0, read));
        }
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}
