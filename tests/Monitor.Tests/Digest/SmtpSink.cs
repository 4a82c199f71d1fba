using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Storage;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse;

namespace Monitor.Tests.Digest;

/// <summary>A real SMTP server (the SmtpServer library) on a loopback port, keeping every message it accepts.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private SmtpSink(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.test")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(_store);
        _server = new SmtpServer.SmtpServer(options, provider);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>While set, the server answers the message's data with 554 (transaction failed) and keeps nothing.</summary>
    public bool Reject { get => _store.Reject; set => _store.Reject = value; }

    /// <summary>How many messages were refused while <see cref="Reject"/> was set.</summary>
    public int Rejected => _store.RejectedCount;

    /// <summary>Messages accepted so far, with the envelope recipients (RCPT TO) of each.</summary>
    public IReadOnlyList<(MimeMessage Message, IReadOnlyList<string> Envelope)> Received
    {
        get { lock (_store.Messages) return _store.Messages.ToList(); }
    }

    /// <summary>Starts a server on <paramref name="port"/> (a free one when 0) and waits until it accepts connections.</summary>
    public static async Task<SmtpSink> StartAsync(int port = 0)
    {
        var sink = new SmtpSink(port == 0 ? Infrastructure.AzuriteFixture.FreePort() : port);
        for (var i = 0; ; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, sink.Port);
                return sink;
            }
            catch (SocketException) when (i < 100)
            {
                await Task.Delay(20);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try { await _running.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception e) when (e is OperationCanceledException or TimeoutException) { }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public readonly List<(MimeMessage, IReadOnlyList<string>)> Messages = [];
        public volatile bool Reject;
        public int RejectedCount;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Reject)
            {
                Interlocked.Increment(ref RejectedCount);
                return SmtpResponse.TransactionFailed;
            }
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var envelope = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            lock (Messages) Messages.Add((message, envelope));
            return SmtpResponse.Ok;
        }
    }
}
