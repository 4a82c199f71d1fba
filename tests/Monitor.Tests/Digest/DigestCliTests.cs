using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Monitor.Cli;
using Monitor.Core;
using Monitor.Core.Digest;
using Monitor.Functions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digest;

/// <summary>`monitor digest` as a user runs it (real clock), and the SendDigest timer function called as the host would.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DigestCliTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _prefix = azurite.NewPrefix();
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-digest-cli").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Due every day at midnight UTC, so "now" always has a digest due.
    private Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var feeds = Path.Combine(_folder, "feeds.txt");
        File.WriteAllText(feeds, "https://feeds.example/never-polled.xml\n");
        var values = new Dictionary<string, string?>
        {
            ["MONITOR_FEEDS"] = feeds, ["Digest:LocalTime"] = "00:00", ["Digest:TimeZone"] = "Etc/UTC", ["Digest:From"] = "monitor@example.org",
        };
        foreach (var (k, v) in more ?? new Dictionary<string, string?>()) values[k] = v;
        return values;
    }

    private async Task<(int Code, string Out, string Err)> Run(IDictionary<string, string?> settings, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, TestServices.Configuration(azurite, _prefix, settings), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task SeedAsync()
    {
        await using var host = new DigestHost(azurite, DateTimeOffset.UtcNow, new Dictionary<string, string?>(), _prefix);
        var yesterday = DateTimeOffset.UtcNow.AddHours(-1);
        await host.SeedAsync(yesterday, DigestSamples.Iran with { Published = yesterday }, DigestSamples.Hostile with { Published = yesterday });
    }

    [Fact]
    public async Task A_preview_goes_to_a_file_without_sending_or_recording()
    {
        await SeedAsync();
        var file = Path.Combine(_folder, "preview", "digest.html");

        var (code, stdout, stderr) = await Run(Settings(), "digest", "--dry-run", "--out", file);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains($"written to {file}", stdout);
        var html = await File.ReadAllTextAsync(file);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("Iran warns Azerbaijan", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script", html);

        var text = await Run(Settings(), "digest", "--dry-run");
        Assert.Equal(0, text.Code);
        Assert.Contains("Subject: Monitor digest, ", text.Out);
        Assert.Contains("To: preview@localhost", text.Out);
        Assert.Contains("* Iran warns Azerbaijan", text.Out);
    }

    [Fact]
    public async Task Digest_to_an_address_sends_once()
    {
        await SeedAsync();
        var outbox = Path.Combine(_folder, "outbox");
        var settings = Settings(new Dictionary<string, string?> { ["Digest:Folder"] = outbox });

        var first = await Run(settings, "digest", "--to", "ana@example.org");
        Assert.Equal(0, first.Code);
        Assert.Contains("ana@example.org: sent the digest of ", first.Out);
        var second = await Run(settings, "digest", "--to", "ana@example.org");
        Assert.Equal(0, second.Code);
        Assert.Contains("was sent already", second.Out);
        Assert.Single(Directory.GetFiles(outbox, "*.eml"));
    }

    [Theory]
    [InlineData(new[] { "digest", "--date", "2024-13-01", "--dry-run" }, null, "error: --date: '2024-13-01' is not a date")]
    [InlineData(new[] { "digest" }, null, "error: no recipients: set Digest__Recipients")]
    [InlineData(new[] { "digest", "--to", "ana@example.org:nope" }, null, "error: --to: unknown topic 'nope'")]
    [InlineData(new[] { "digest", "--to", "ana@example.org" }, "Smtp:Security=Starttls2", "error: Smtp__Security must be one of None, StartTls, SslOnConnect, not 'Starttls2'")]
    [InlineData(new[] { "digest", "--to", "ana@example.org" }, "Digest:TimeZone=CET-ish", "error: Digest__TimeZone must be an IANA time zone")]
    [InlineData(new[] { "digest", "--to", "ana@example.org" }, "Smtp:Host=", "error: no SMTP server is set: set Smtp__Host")]
    [InlineData(new[] { "digest", "--to", "ana@example.org" }, "Digest:From=Monitor", "error: Digest__From: 'Monitor' is not an e-mail address")]
    [InlineData(new[] { "digest", "--to", "ana@example.org", "--date", "2999-01-01" }, null, "error: the digest of 2999-01-01 is not due until")]
    public async Task Mistakes_are_one_line_with_exit_code_2(string[] args, string? setting, string message)
    {
        var more = new Dictionary<string, string?>();
        if (setting is not null) more[setting.Split('=')[0]] = setting.Split('=')[1];
        var (code, stdout, stderr) = await Run(Settings(more), args);
        Assert.Equal(2, code);
        Assert.StartsWith(message, stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task The_timer_function_sends_and_fails_loudly_when_the_server_is_down()
    {
        await SeedAsync();
        await using var sink = await SmtpSink.StartAsync();
        var down = new Dictionary<string, string?>(Settings())
        {
            ["Digest:Recipients"] = "ana@example.org", ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = AzuriteFixture.FreePort().ToString(), ["Smtp:Security"] = "None",
        };
        await using (var services = TestServices.Create(azurite, _prefix, down))
        {
            var function = new SendDigest(services.GetRequiredService<DigestRunner>(), NullLogger<SendDigest>.Instance);
            var error = await Assert.ThrowsAsync<DigestDeliveryException>(() => function.RunAsync(new TimerInfo(), CancellationToken.None));
            Assert.StartsWith("ana@example.org: cannot reach 127.0.0.1:", error.Message);
        }

        var up = new Dictionary<string, string?>(down) { ["Smtp:Port"] = sink.Port.ToString() };
        await using (var services = TestServices.Create(azurite, _prefix, up))
        {
            var function = new SendDigest(services.GetRequiredService<DigestRunner>(), NullLogger<SendDigest>.Instance);
            var run = await function.RunAsync(new TimerInfo(), CancellationToken.None);
            Assert.Equal(DigestOutcome.Sent, Assert.Single(run.Results).Outcome);
            Assert.Contains("Iran warns Azerbaijan", Assert.Single(sink.Received).Message.TextBody);
        }
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-mon.vault.azure.net/secrets/smtp-password/)", "Smtp__Password is an unresolved Key Vault reference")]
    [InlineData("", "Smtp__Username is set but Smtp__Password is empty")]
    public async Task An_unresolved_or_empty_password_fails_the_run_with_the_reason_and_sends_nothing(string password, string reason)
    {
        // In Azure an absent secret leaves the reference text as the setting's value: it must not go to the server.
        await SeedAsync();
        await using var sink = await SmtpSink.StartAsync();
        var settings = new Dictionary<string, string?>(Settings())
        {
            ["Digest:Recipients"] = "ana@example.org", ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(), ["Smtp:Security"] = "None",
            ["Smtp:Username"] = "monitor@example.org", ["Smtp:Password"] = password,
        };
        await using var services = TestServices.Create(azurite, _prefix, settings);
        var function = new SendDigest(services.GetRequiredService<DigestRunner>(), NullLogger<SendDigest>.Instance);
        // Through the worker's middleware, which names the app settings (Core's message names the options).
        var names = new SettingNamesMiddleware(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var error = await Assert.ThrowsAsync<MonitorInputException>(() => names.Invoke(null!, _ => function.RunAsync(new TimerInfo(), CancellationToken.None)));
        Assert.StartsWith(reason, error.Message);
        Assert.Contains("nothing was sent", error.Message);
        Assert.DoesNotContain("vault.azure.net", error.Message);
        Assert.Empty(sink.Received);
    }

    [Fact]
    public void The_functions_app_declares_the_digest_timer_on_its_own_schedule_setting()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var metadata = Path.Combine(RepoPaths.Root, "src", "Monitor.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(metadata));
        var function = doc.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "SendDigest");
        var trigger = function.GetProperty("bindings").EnumerateArray().Single();
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("%DigestSchedule%", trigger.GetProperty("schedule").GetString());

        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Monitor.Functions", "local.settings.json.example")));
        Assert.Equal("0 */15 * * * *", settings.RootElement.GetProperty("Values").GetProperty("DigestSchedule").GetString());
    }
}
