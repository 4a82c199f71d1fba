using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Core;
using Monitor.Core.Feeds;
using Monitor.Core.Hosting;
using Monitor.Functions;

namespace Monitor.Tests.Functions;

/// <summary>
/// The worker as Program builds it (MonitorWorker.ConfigureMonitorWorker on the real FunctionsApplicationBuilder, not
/// run, since that needs the host): Application Insights registered as the samples do, with the app's identity, and
/// MONITOR_SETTINGS layered beneath the app settings.
/// </summary>
public sealed class WorkerTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.ConfigureMonitorWorker();
        return builder.Build();
    }

    [Fact]
    public void The_worker_registers_application_insights_with_the_identity_and_keeps_information_logs()
    {
        using var host = Build(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/",
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=5c1f0a4e-2f7b-4a55-9a3e-0b1c2d3e4f50;Authorization=AAD",
        });
        Assert.NotNull(host.Services.GetService<TelemetryClient>());
        var telemetry = host.Services.GetRequiredService<IOptions<TelemetryConfiguration>>().Value;
        var envelope = typeof(TelemetryConfiguration).GetProperty("CredentialEnvelope", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);
        Assert.NotNull(envelope);
        Assert.NotNull(envelope.GetValue(telemetry)); // Entra authentication: the resource refuses key-only ingestion
        var rules = host.Services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;
        Assert.DoesNotContain(rules, r => r.ProviderName?.EndsWith("ApplicationInsightsLoggerProvider", StringComparison.Ordinal) == true && r.LogLevel == LogLevel.Warning);
        Assert.Contains(host.Services.GetServices<ILoggerProvider>(), p => p.GetType().Name == "ApplicationInsightsLoggerProvider");
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("Authorization=Key", false)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("ClientId=5c1f0a4e-2f7b-4a55-9a3e-0b1c2d3e4f50;Authorization=AAD", true)]
    public void The_authentication_string_gives_a_managed_identity_only_for_AAD(string? value, bool credential) =>
        Assert.Equal(credential, TelemetryIdentity.FromAuthenticationString(value) is not null);

    [Fact]
    public void Monitor_settings_are_read_beneath_the_app_settings()
    {
        using var host = Build(new() { ["MONITOR_SETTINGS"] = "Fetch__MaxConcurrentFeeds=3; Digest__SkipEmpty=true" });
        Assert.Equal(3, host.Services.GetRequiredService<IOptions<FetchOptions>>().Value.MaxConcurrentFeeds);
        Assert.True(host.Services.GetRequiredService<IOptions<Monitor.Core.Digest.DigestOptions>>().Value.SkipEmpty);
    }

    [Theory]
    [InlineData("Fetch__MaxConcurrentFeeds", "MONITOR_SETTINGS: 'Fetch__MaxConcurrentFeeds' is not NAME=value")]
    [InlineData("Fetch__Timeout=00:00:10;Fetch:Timeout=00:00:20", "MONITOR_SETTINGS: Fetch:Timeout is set twice")]
    [InlineData("Digest__Recipients=eve@example.org", "MONITOR_SETTINGS: Digest:Recipients has a value of its own")]
    [InlineData("=1", "MONITOR_SETTINGS: '=1' is not NAME=value")]
    public void A_bad_entry_is_refused_with_its_reason(string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MONITOR_SETTINGS"] = value, ["Digest:Recipients"] = "",
        }).Build();
        Assert.StartsWith(message, Assert.Throws<MonitorInputException>(() => ExtraSettings.Read(configuration)).Message);
        Assert.Throws<MonitorInputException>(() => Build(new() { ["MONITOR_SETTINGS"] = value, ["Digest:Recipients"] = "" }));
    }
}
