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

    [Fact]
    public async Task A_bad_setting_stops_the_worker_at_start_naming_the_app_setting()
    {
        // The host's address, which the Functions host gives the worker: the start is refused before it is used.
        var hostEndpoint = new KeyValuePair<string, string?>("Functions:Worker:HostEndpoint", "http://127.0.0.1:9");
        using var host = Build(new([hostEndpoint]) { ["Smtp:Security"] = "Starttls2", ["AzureWebJobsStorage"] = "not a connection string" });
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Equal("AzureWebJobsStorage is not a usable storage connection string: " + ConnectionStringReason(error)
            + "; Smtp__Security must be one of None, StartTls, SslOnConnect, not 'Starttls2'", new SettingNames(host.Services.GetRequiredService<IConfiguration>()).Describe(error));

        var stderr = new StringWriter();
        using var again = Build(new([hostEndpoint]) { ["Smtp:Security"] = "Starttls2" });
        Assert.Equal(2, again.RunMonitorWorker(stderr));
        Assert.Equal("error: Smtp__Security must be one of None, StartTls, SslOnConnect, not 'Starttls2'", stderr.ToString().TrimEnd());
    }

    [Fact]
    public async Task A_function_failing_on_a_setting_names_the_app_setting()
    {
        var middleware = new SettingNamesMiddleware(new ConfigurationBuilder().Build());
        var error = await Assert.ThrowsAsync<MonitorInputException>(() => middleware.Invoke(null!, _ => throw new MonitorInputException("Digest:From is not set: the sender address of the digest")));
        Assert.Equal("Digest__From is not set: the sender address of the digest", error.Message);
        var storage = await Assert.ThrowsAsync<Monitor.Core.Storage.StorageUnavailableException>(() =>
            middleware.Invoke(null!, _ => throw new Monitor.Core.Storage.StorageUnavailableException("Storage:ConnectionString has no usable queue endpoint")));
        Assert.Equal("MONITOR_STORAGE has no usable queue endpoint", storage.Message);
        await Assert.ThrowsAsync<TimeoutException>(() => middleware.Invoke(null!, _ => throw new TimeoutException("Digest:From"))); // not a setting: as it was
        var plain = new MonitorInputException("--to: unknown topic 'nope'");
        Assert.Same(plain, await Assert.ThrowsAsync<MonitorInputException>(() => middleware.Invoke(null!, _ => throw plain)));
    }

    private static string ConnectionStringReason(Exception error) =>
        ((AggregateException)error).InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)
            .Single(f => f.StartsWith("Storage:", StringComparison.Ordinal)).Split(": ", 2)[1];
}
