using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Monitor.Cli;

namespace Monitor.Tests.Api;

/// <summary>
/// `monitor serve` run in-process through the CLI's own entry point (arguments in, exit code out) on a port
/// Kestrel picks, and stopped by cancelling it as Ctrl+C would.
/// </summary>
public sealed partial class ServedMonitor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _out = new();
    private readonly TextWriter _stdout;
    private readonly StringWriter _err = new();
    private readonly Task<int> _run;

    private ServedMonitor(IConfiguration configuration, string urls)
    {
        _stdout = TextWriter.Synchronized(_out);
        var stderr = TextWriter.Synchronized(_err);
        _run = Task.Run(() => CliApp.RunAsync(["serve", "--urls", urls], configuration, _stdout, stderr, _stop.Token));
    }

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string Stdout { get { lock (_stdout) return _out.ToString(); } }

    public static async Task<ServedMonitor> StartAsync(IConfiguration configuration, string urls = "http://127.0.0.1:0")
    {
        var served = new ServedMonitor(configuration, urls);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Listening().Match(served.Stdout) is not { Success: true } match)
        {
            if (served._run.IsCompleted)
                throw new InvalidOperationException($"serve exited with {await served._run}: {served._err}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("serve did not start listening within 60 s: " + served._err);
            await Task.Delay(50);
        }
        served.BaseAddress = new Uri(Listening().Match(served.Stdout).Groups[1].Value + "/");
        served.Client = new HttpClient { BaseAddress = served.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        return served;
    }

    /// <summary>Stops the server as Ctrl+C does and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        _stop.Cancel();
        return await _run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted) await StopAsync();
        Client?.Dispose();
        _stop.Dispose();
    }

    [GeneratedRegex(@"Listening on (http://[^ ]+) ")]
    private static partial Regex Listening();
}
