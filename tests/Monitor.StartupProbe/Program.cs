using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Functions;

// The worker's start-up without the Functions host (which cannot run here): copied into a published
// src/Monitor.Functions and run with that app's own dependencies and runtime settings,
//   dotnet exec --depsfile Monitor.Functions.deps.json --runtimeconfig Monitor.Functions.runtimeconfig.json Monitor.StartupProbe.dll
// it builds the worker exactly as Program does (MonitorWorker) and serves the first request, GET api/health, through
// the Health function (one storage round trip). It prints the times from process start; `bench startup` runs it.
var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
var main = Stopwatch.StartNew();
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureMonitorWorker();
using var host = builder.Build();
var built = main.Elapsed;

var context = new DefaultHttpContext { RequestServices = host.Services };
context.Request.Method = "GET";
context.Request.Path = "/api/health";
context.Response.Body = new MemoryStream();
var function = ActivatorUtilities.CreateInstance<HealthApi>(host.Services);
var result = await function.HealthAsync(context.Request, CancellationToken.None);
await result.ExecuteAsync(context);
var answered = main.Elapsed;
var total = DateTime.UtcNow - started;

Console.WriteLine(FormattableString.Invariant(
    $"status={context.Response.StatusCode} runtime_to_main_ms={(total - answered).TotalMilliseconds:0} host_built_ms={built.TotalMilliseconds:0} first_response_ms={answered.TotalMilliseconds:0} process_to_first_response_ms={total.TotalMilliseconds:0}"));
return context.Response.StatusCode is 200 or 503 ? 0 : 1;
