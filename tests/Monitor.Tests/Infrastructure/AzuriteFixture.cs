using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Monitor.Core.Storage;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// A real Azurite table service (the version pinned in package.json) on a free loopback port, in memory,
/// started once per test collection. Each test takes its own table prefix, so tests never see each other's rows.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    private readonly Process _process;
    private int _prefixes;

    public AzuriteFixture()
    {
        var exe = Path.Combine(RepoPaths.Root, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(exe))
            throw new InvalidOperationException($"Azurite is not installed ({exe} is missing): run 'npm ci' in {RepoPaths.Root}");
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

    /// <summary>A table prefix no other test uses (table names: letters and digits only).</summary>
    public string NewPrefix() => $"t{Interlocked.Increment(ref _prefixes)}x{Environment.ProcessId}";

    public StorageOptions Options(string? prefix = null) => new() { ConnectionString = ConnectionString, TablePrefix = prefix ?? NewPrefix() };

    public MonitorTables Tables(string? prefix = null) => new(Microsoft.Extensions.Options.Options.Create(Options(prefix)));

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

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
