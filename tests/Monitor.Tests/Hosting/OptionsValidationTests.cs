using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Core.Hosting;

namespace Monitor.Tests.Hosting;

/// <summary>
/// Every options type of the composition root is validated when a host starts (ValidateOnStart), and a failure
/// names the option key (Section:Name): Core speaks of options, the hosts of their settings (see SettingNamesTests).
/// </summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Storage:ConnectionString", "not a connection string", "Storage:ConnectionString is not a usable storage connection string: " },
        { "Storage:TableServiceUri", "http://stmonitor.table.core.windows.net", "Storage:TableServiceUri must be an absolute https URI, not 'http://stmonitor.table.core.windows.net/'" },
        { "Storage:QueueServiceUri", "https://stmonitor.queue.core.windows.net", "Storage:QueueServiceUri is set without Storage:TableServiceUri" },
        { "Smtp:Security", "Starttls2", "Smtp:Security must be one of None, StartTls, SslOnConnect, not 'Starttls2'" },
        { "Smtp:Port", "0", "Smtp:Port must be between 1 and 65535, not 0" },
        { "Smtp:Port", "smtp", "Failed to convert configuration value 'smtp' at 'Smtp:Port'" },
        { "Linking:ClaimScope", "Paragraph", "Linking:ClaimScope must be one of Item, Sentence, Lead, not 'Paragraph'" },
        { "Fetch:Timeout", "soon", "Failed to convert configuration value 'soon' at 'Fetch:Timeout'" },
        { "MONITOR_ALLOW_PRIVATE_NETWORKS", "maybe", "Fetch:AllowPrivateNetworks must be true or false, not 'maybe'" },
    };

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMonitor(builder.Configuration);
        return builder.Build();
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_start_naming_the_option(string key, string value, string failure)
    {
        using var host = Host(new() { [key] = value });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.StartsWith(failure, Assert.Single(error.Failures));
        Assert.DoesNotContain("__", error.Message); // option keys, not environment names
    }

    [Fact]
    public async Task Every_failure_is_reported_at_once()
    {
        using var host = Host(new() { ["Smtp:Security"] = "tls", ["Storage:TableServiceUri"] = "/relative", ["Polling:ShardFeeds"] = "many" });
        var error = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());
        var failures = error.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Smtp:Security must be one of", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Storage:TableServiceUri must be an absolute https URI", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'Polling:ShardFeeds'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_defaults_and_good_values_start()
    {
        using var host = Host(new() { ["Smtp:Security"] = "sslonconnect", ["Smtp:Port"] = "465", ["Linking:ClaimScope"] = "Lead", ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = "yes" });
        await host.StartAsync();
        Assert.Equal(Monitor.Core.Digest.SmtpSecurity.SslOnConnect, host.Services.GetRequiredService<IOptions<Monitor.Core.Digest.SmtpOptions>>().Value.Security);
        await host.StopAsync();
    }
}
