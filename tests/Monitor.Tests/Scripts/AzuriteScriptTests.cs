using System.Diagnostics;
using System.Net.Sockets;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Scripts;

/// <summary>
/// scripts/azurite.sh as the README has a user run it: `stop` returns only once Azurite has exited, so `stop; start`
/// starts a new one every time (it used to find the port still open, say "already listening" and leave none running).
/// </summary>
[Trait("Category", "Slow")]
public sealed class AzuriteScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("monitor-azurite-script-").FullName;
    private readonly int _port = AzuriteFixture.FreePort();

    public void Dispose()
    {
        Run("stop");
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Stop_then_start_leaves_azurite_running_every_time()
    {
        var start = Run("start");
        Assert.True(start.Code == 0, start.Output);
        for (var i = 0; i < 8; i++)
        {
            var stop = Run("stop");
            Assert.True(stop.Code == 0, stop.Output);
            Assert.Contains("Azurite: stopped", stop.Output);
            Assert.False(Listening(), $"try {i}: stop returned with 127.0.0.1:{_port} still open");

            start = Run("start");
            Assert.True(start.Code == 0, start.Output);
            Assert.Contains("Azurite: started", start.Output); // not "already listening"
            Assert.True(File.Exists(Path.Combine(_dir, "azurite.pid")), $"try {i}: no pidfile");
            Assert.True(Listening());
        }
        Assert.Equal(0, Run("status").Code);
    }

    private bool Listening()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", _port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private (int Code, string Output) Run(string command)
    {
        var info = new ProcessStartInfo(Path.Combine(RepoPaths.Root, "scripts", "azurite.sh"), command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["AZURITE_TABLE_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["AZURITE_DIR"] = _dir;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"azurite.sh {command} did not finish in 60 s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
