using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Api;
using Monitor.Core.Hosting;

namespace Monitor.Functions;

/// <summary>The worker's wiring, shared by Program and the tests (and the start-up measurement) that build it.</summary>
public static class MonitorWorker
{
    /// <summary>Logger provider whose default rule (Warning and up only) the Application Insights SDK adds.</summary>
    private const string InsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    public static FunctionsApplicationBuilder ConfigureMonitorWorker(this FunctionsApplicationBuilder builder)
    {
        // MONITOR_SETTINGS beneath the app settings (a bad entry stops the start with its reason in the log).
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = ExtraSettings.Read(builder.Configuration) });
        builder.ConfigureFunctionsWebApplication();

        // Application Insights in the worker, as the isolated-worker samples register it, so the worker's logs and
        // dependency calls (storage, feeds, SMTP) are correlated with the host's invocation.
        builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        // The resource refuses instrumentation-key-only ingestion (DisableLocalAuth): send with the app's identity.
        if (TelemetryIdentity.FromAuthenticationString(builder.Configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]) is { } credential)
            builder.Services.Configure<TelemetryConfiguration>(c => c.SetAzureTokenCredential(credential));
        // The SDK keeps only warnings by default; host.json's log levels are meant to decide.
        builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == InsightsLoggerProvider);
            if (rule is not null) options.Rules.Remove(rule);
        });

        builder.Services.AddMonitor(builder.Configuration);
        builder.Services.AddMonitorApi(builder.Configuration);
        builder.UseMiddleware<SettingNamesMiddleware>();
        return builder;
    }

    /// <summary>
    /// Runs the worker. Settings refused at start (ValidateOnStart) stop it with one line naming the app settings
    /// (MONITOR_STORAGE, Smtp__Security), not the option keys of Core's messages, and exit code 2.
    /// </summary>
    public static int RunMonitorWorker(this IHost host, TextWriter? stderr = null)
    {
        var names = new SettingNames(host.Services.GetRequiredService<IConfiguration>()); // Run disposes the host
        try
        {
            host.Run();
            return 0;
        }
        catch (Exception e) when (names.Describe(e) is { } message)
        {
            (stderr ?? Console.Error).WriteLine($"error: {message}");
            return 2;
        }
    }
}

/// <summary>APPLICATIONINSIGHTS_AUTHENTICATION_STRING ("ClientId=...;Authorization=AAD") as a credential.</summary>
public static class TelemetryIdentity
{
    public static ManagedIdentityCredential? FromAuthenticationString(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !kind.Equals("AAD", StringComparison.OrdinalIgnoreCase)) return null;
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
