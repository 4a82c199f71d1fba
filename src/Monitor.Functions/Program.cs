using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Monitor.Api;
using Monitor.Core.Hosting;

// Wiring only: the pipeline lives in Monitor.Core, registered by the same composition root the CLI uses.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddMonitor(builder.Configuration);
builder.Services.AddMonitorApi(builder.Configuration);
builder.Build().Run();
