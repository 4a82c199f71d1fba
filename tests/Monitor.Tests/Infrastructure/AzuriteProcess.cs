using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// A real Azurite table service (the version pinned in package.json) on a free loopback port, in memory.
/// Shared by the test fixtures and the benchmarks (linked into Monitor.Bench).
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    private readonly Process _process;

    public AzuriteProcess(string repoRoot)
    {
        var exe = Path.Combine(repoRoot, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(exe))
            throw new InvalidOperationException($"Azurite is not installed ({exe} is missing): run 'npm ci' in {repoRoot}");
        Port = FreePort();
        _process = Process.Start(new ProcessStartInfo(exe)
        {
            ArgumentList = { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(), "--inMemoryPersistence", "--disableTelemetry", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!CanConnect(Port))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Azurite did not start within 30 s");
            Thread.Sleep(100);
        }
    }

    public int Port { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public void Dispose()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.Dispose();
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
