using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Api;
using Monitor.Api.Http;
using Monitor.Core;
using Monitor.Core.Hosting;

namespace Monitor.Cli.Commands;

/// <summary>
/// `serve`: the HTTP API and the page on Kestrel, for people without the Functions host and for tests. The
/// handlers are Monitor.Api's, the ones the Functions app binds; there are no keys, so it listens on loopback by default.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Create(IConfiguration configuration, TextWriter stdout, TextWriter stderr)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen: http URLs separated by ';' (port 0 picks a free port).",
            DefaultValueFactory = _ => DefaultUrl,
        };
        var command = new Command("serve", "Serve the HTTP API (under /api) and the page to browse the story (at /) on this machine, without keys.") { urls };
        command.SetAction(async (parse, ct) =>
        {
            var addresses = ParseUrls(parse.GetValue(urls)!);
            foreach (var address in addresses.Where(a => !IsLoopback(a)))
                stderr.WriteLine($"warning: {address} is not a loopback address; serve has no keys, so anyone who reaches it can read the coverage and change the subscriptions");
            await using var app = Build(configuration, addresses);
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new MonitorInputException($"cannot listen on {string.Join(", ", addresses)}: {e.Message}", e);
            }
            foreach (var address in app.Urls)
                stdout.WriteLine($"Listening on {address} (the page at /, the API under /api, OpenAPI at /api/openapi.json); Ctrl+C stops.");
            // Ends on Ctrl+C or SIGTERM (the host's own handler) or when the caller cancels (tests).
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            stdout.WriteLine("Stopped.");
            return 0;
        });
        return command;
    }

    /// <summary>The server: the composition root, the API's handlers and routes, logs (warnings and errors) on stderr.</summary>
    public static WebApplication Build(IConfiguration configuration, IReadOnlyList<string> urls)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "monitor", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestLineSize = ServeGuards.KestrelRequestLineLimit;
            o.Limits.MaxRequestHeadersTotalSize = ServeGuards.KestrelHeadersLimit;
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddMonitor(configuration).AddMonitorApi(configuration);
        var app = builder.Build();
        app.UseServeGuards(urls); // before routing, so HEAD is routed as GET
        app.UseMonitorApiProblems();
        app.UseRouting();
        app.MapMonitorApi();
        return app;
    }

    internal static IReadOnlyList<string> ParseUrls(string text)
    {
        var urls = text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0) throw new MonitorInputException("--urls names no address, e.g. http://127.0.0.1:5080");
        foreach (var url in urls)
        {
            // Plain HTTP only: serve is for this machine; TLS belongs to a proxy in front of it.
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Host.Length == 0 || uri.AbsolutePath != "/")
                throw new MonitorInputException($"--urls: '{url}' is not an http://host:port address, e.g. http://127.0.0.1:5080");
        }
        return urls;
    }

    private static bool IsLoopback(string url)
    {
        var host = new Uri(url).Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
