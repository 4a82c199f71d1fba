using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Api;
using Monitor.Api.Endpoints;
using Monitor.Core.Polling;
using Monitor.Core.Storage;
using Monitor.Functions;
using Monitor.Tests.Api;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Functions;

/// <summary>GET api/health, called as the host would: no key, storage reachable, the age of the last pass and digest, and nothing else.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HealthTests(AzuriteFixture azurite)
{
    private static readonly HashSet<string> Allowed = ["status", "storage", "lastPass", "lastPassAgeSeconds", "lastDigest", "lastDigestAgeSeconds", "problems"];

    private static async Task<ApiResponse> CallAsync(IServiceProvider services)
    {
        var function = ActivatorUtilities.CreateInstance<HealthApi>(services);
        var response = await ApiHarness.CallAsync(services, "GET", "/api/health", r => function.HealthAsync(r, CancellationToken.None));
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
        Assert.All(response.Json.EnumerateObject(), p => Assert.Contains(p.Name, Allowed)); // nothing about feeds, items or settings
        return response;
    }

    [Fact]
    public async Task Healthy_after_a_pass_unhealthy_before_and_when_the_last_pass_is_too_old()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2024-03-12T10:00:00Z"));
        await using var services = TestServices.Create(azurite, configure: s => s.AddMonitorApi().AddSingleton<TimeProvider>(clock));

        var before = await CallAsync(services);
        Assert.Equal(503, before.Status);
        Assert.Equal("reachable", before.Json.GetProperty("storage").GetString());
        Assert.Equal(["no polling pass has succeeded yet"], before.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));

        await services.GetRequiredService<PollRunner>().RunAsync([]); // no feed due: nothing failed
        await services.GetRequiredService<HealthStore>().RecordDigestAsync();
        clock.Advance(TimeSpan.FromMinutes(20));

        var after = await CallAsync(services);
        Assert.Equal(200, after.Status);
        Assert.Equal("healthy", after.Json.GetProperty("status").GetString());
        Assert.Equal("2024-03-12T10:00:00Z", after.Json.GetProperty("lastPass").GetString());
        Assert.Equal(1200, after.Json.GetProperty("lastPassAgeSeconds").GetInt64());
        Assert.Equal(1200, after.Json.GetProperty("lastDigestAgeSeconds").GetInt64());
        Assert.Empty(after.Json.GetProperty("problems").EnumerateArray());

        clock.Advance(TimeSpan.FromMinutes(50));
        var stale = await CallAsync(services);
        Assert.Equal(503, stale.Status);
        Assert.Equal(["no polling pass has succeeded for 70 minutes"], stale.Json.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_pass_where_every_feed_failed_is_not_a_success()
    {
        using var server = new FeedServer();
        await using var services = TestServices.Create(azurite, configure: s => s.AddMonitorApi());
        await services.GetRequiredService<PollRunner>().RunAsync([new Monitor.Core.Feeds.FeedSource(server.Url("missing.xml"))]);
        Assert.Null((await services.GetRequiredService<HealthStore>().ReadAsync()).LastPass);
        await services.GetRequiredService<PollRunner>().RunAsync([new Monitor.Core.Feeds.FeedSource(server.Serve("story.xml", TestFeeds.Rss("Wire", TestFeeds.SeedStory())))]);
        Assert.NotNull((await services.GetRequiredService<HealthStore>().ReadAsync()).LastPass);
    }

    [Fact]
    public async Task Unreachable_storage_is_a_503_that_says_so_without_details()
    {
        await using var services = TestServices.Create(azurite, extra: new Dictionary<string, string?>
        {
            ["MONITOR_STORAGE"] = azurite.ConnectionString.Replace($":{azurite.Port}/", $":{AzuriteFixture.FreePort()}/"),
        }, configure: s => s.AddMonitorApi());
        var response = await CallAsync(services);
        Assert.Equal(503, response.Status);
        Assert.Equal("unreachable", response.Json.GetProperty("storage").GetString());
        ApiResponse.AssertNoStackTrace(response.Body);
        Assert.DoesNotContain("127.0.0.1", response.Body);
    }

    [Fact]
    public void Health_needs_no_key_and_only_answers_get()
    {
        var trigger = typeof(HealthApi).GetMethod(nameof(HealthApi.HealthAsync))!.GetParameters()[0]
            .GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.HttpTriggerAttribute), false).Cast<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>().Single();
        Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous, trigger.AuthLevel);
        Assert.Equal(["get"], trigger.Methods!);
        Assert.Equal(TimeSpan.FromHours(1), new HealthOptions().MaxPassAge);
    }
}
