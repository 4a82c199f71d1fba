using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Monitor.Functions;

// Wiring only (MonitorWorker): the pipeline lives in Monitor.Core, registered by the composition root the CLI uses.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureMonitorWorker();
return builder.Build().RunMonitorWorker();
