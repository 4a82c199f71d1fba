using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// A real Azurite table and queue service (the version pinned in package.json) on a free loopback port, in memory.
/// Shared by the test fixtures and the benchmarks (linked into Monitor.Bench).
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    private readonly Process _process;
    private readonly Process _queues;

    public AzuriteProcess(string repoRoot)
    {
        Port = FreePort();
        QueuePort = FreePort();
        _process = Start(repoRoot, "azurite-table", "--tableHost", "--tablePort", Port);
        // The queue service (the polling fan-out) is a process of its own, started beside the table service.
        _queues = Start(repoRoot, "azurite-queue", "--queueHost", "--queuePort", QueuePort);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!CanConnect(Port) || !CanConnect(QueuePort))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}");
            if (_queues.HasExited) throw new InvalidOperationException($"Azurite's queue service exited with code {_queues.ExitCode}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Azurite did not start within 30 s");
            Thread.Sleep(100);
        }
    }

    private static Process Start(string repoRoot, string service, string hostOption, string portOption, int port)
    {
        var exe = Path.Combine(repoRoot, "node_modules", ".bin", service);
        if (!File.Exists(exe))
            throw new InvalidOperationException($"Azurite is not installed ({exe} is missing): run 'npm ci' in {repoRoot}");
        var process = Process.Start(new ProcessStartInfo(exe)
        {
            ArgumentList = { hostOption, "127.0.0.1", portOption, port.ToString(), "--inMemoryPersistence", "--disableTelemetry", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public int Port { get; }
    public int QueuePort { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    public void Dispose()
    {
        foreach (var process in new[] { _process, _queues })
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.Dispose();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException) { return false; }
    }
}
