using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Articles;
using Monitor.Core.Digest;
using Monitor.Core.Feeds;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digest;

/// <summary>The timer's view: runs every 15 minutes in UTC, and the mail goes out at the local time, daylight saving included.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DigestScheduleDeliveryTests(AzuriteFixture azurite)
{
    [Theory]
    // Berlin springs forward on 31 March 2024: 07:00 is 06:00 UTC the day before and 05:00 UTC that day.
    [InlineData("Europe/Berlin", "2024-03-30T06:05:00Z", "2024-03-31T04:59:00Z", "2024-03-31T05:00:00Z", "Sun 31 Mar 2024")]
    // Berlin falls back on 27 October 2024: 05:00 UTC the day before, 06:00 UTC that day (05:59 UTC is 06:59 CET).
    [InlineData("Europe/Berlin", "2024-10-26T05:05:00Z", "2024-10-27T05:59:00Z", "2024-10-27T06:00:00Z", "Sun 27 Oct 2024")]
    // New York falls back on 3 November 2024: 11:00 UTC the day before, 12:00 UTC that day.
    [InlineData("America/New_York", "2024-11-02T11:05:00Z", "2024-11-03T11:45:00Z", "2024-11-03T12:00:00Z", "Sun 3 Nov 2024")]
    // Yerevan keeps UTC+4 all year.
    [InlineData("Asia/Yerevan", "2024-03-30T03:05:00Z", "2024-03-31T02:59:00Z", "2024-03-31T03:00:00Z", "Sun 31 Mar 2024")]
    public async Task The_digest_goes_out_at_the_local_time_on_a_daylight_saving_day(string zone, string dayBefore, string justBefore, string due, string subjectDate)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var host = new DigestHost(azurite, TestFeeds.Date(dayBefore), new Dictionary<string, string?>
        {
            ["Digest:Recipients"] = "ana@example.org", ["Digest:TimeZone"] = zone, ["Smtp:Port"] = sink.Port.ToString(),
        });

        Assert.Equal(DigestOutcome.Sent, Assert.Single((await host.RunAsync()).Results).Outcome);
        // Every 15 minutes through the night until just before the local send time: nothing more.
        for (var at = TestFeeds.Date(dayBefore).AddMinutes(15); at <= TestFeeds.Date(justBefore); at = at.AddMinutes(15))
        {
            host.Clock.SetUtcNow(at);
            Assert.Equal(DigestOutcome.Delivered, Assert.Single((await host.RunAsync()).Results).Outcome);
        }
        host.Clock.SetUtcNow(TestFeeds.Date(justBefore));
        Assert.Equal(DigestOutcome.Delivered, Assert.Single((await host.RunAsync()).Results).Outcome);
        Assert.Single(sink.Received);

        host.Clock.SetUtcNow(TestFeeds.Date(due));
        Assert.Equal(DigestOutcome.Sent, Assert.Single((await host.RunAsync()).Results).Outcome);
        Assert.Equal(2, sink.Received.Count);
        Assert.StartsWith($"Monitor digest, {subjectDate}: ", sink.Received[1].Message.Subject);
    }

    /// <summary>A day with no new item and feeds in the given states: the one message the run sends.</summary>
    private async Task<MimeKit.MimeMessage> QuietDayAsync(DateTimeOffset now, params FeedState[] states)
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var host = new DigestHost(azurite, now, new Dictionary<string, string?>
        {
            ["Digest:Recipients"] = "ana@example.org", ["Smtp:Port"] = sink.Port.ToString(),
        }, feedUrls: states.Select(s => s.Url).ToArray());
        var store = host.Services.GetRequiredService<FeedStateStore>();
        foreach (var state in states) await store.SaveAsync(state);
        Assert.Equal(DigestOutcome.Sent, Assert.Single((await host.RunAsync()).Results).Outcome);
        return Assert.Single(sink.Received).Message;
    }

    [Fact]
    public async Task A_quiet_day_sends_a_short_note_with_the_feeds_checked_and_those_in_trouble()
    {
        var now = TestFeeds.Date("2024-03-12T03:10:00Z");
        var message = await QuietDayAsync(now,
            new FeedState { Key = FeedSource.KeyOf("https://feeds.example/ok.xml"), Url = "https://feeds.example/ok.xml", LastAttempt = now.AddMinutes(-20), LastSuccess = now.AddMinutes(-20) },
            new FeedState
            {
                Key = FeedSource.KeyOf("https://feeds.example/broken.xml"), Url = "https://feeds.example/broken.xml", Title = "Broken <b>News</b>", LastAttempt = now.AddMinutes(-20),
                LastSuccess = now.AddDays(-2), LastError = "HTTP 503 <script>alert(1)</script>", LastErrorAt = now.AddMinutes(-20), ConsecutiveFailures = 12,
            },
            // Failing for an hour only (since its last success): not in trouble yet.
            new FeedState
            {
                Key = FeedSource.KeyOf("https://feeds.example/new-and-broken.xml"), Url = "https://feeds.example/new-and-broken.xml", LastAttempt = now.AddMinutes(-20), LastSuccess = now.AddHours(-1),
                LastError = "timed out", ConsecutiveFailures = 2,
            });

        Assert.Contains("nothing new; 1 feed in trouble", message.Subject);
        Assert.Contains("Nothing new since Mon 11 Mar, 07:00: 3 feeds were checked and no new item bears on the followed topics.", message.TextBody);
        Assert.Contains("== Feeds in trouble ==", message.TextBody);
        Assert.Contains("last error: HTTP 503 <script>alert(1)</script>", message.TextBody);
        Assert.Contains("failing since Sun 10 Mar, 07:10, 12 failures in a row", message.TextBody);
        Assert.DoesNotContain("new-and-broken", message.TextBody);
        Assert.Contains("Broken &lt;b&gt;News&lt;/b&gt;", message.HtmlBody);
        Assert.Contains("Last error: HTTP 503 &lt;script&gt;alert(1)&lt;/script&gt;", message.HtmlBody);
        Assert.DoesNotContain("<script", message.HtmlBody);
    }

    [Fact]
    public async Task After_a_pass_where_every_feed_failed_feeds_that_never_worked_are_in_trouble_at_once()
    {
        var now = TestFeeds.Date("2024-03-12T03:10:00Z");
        var message = await QuietDayAsync(now,
            // Subscribed an hour ago and never fetched once: no grace, it may be a mistyped URL.
            new FeedState
            {
                Key = FeedSource.KeyOf("https://feeds.example/typo.xml"), Url = "https://feeds.example/typo.xml", LastAttempt = now.AddMinutes(-20),
                LastError = "HTTP 404 Not Found", LastErrorAt = now.AddMinutes(-20), ConsecutiveFailures = 1,
            },
            // Worked an hour ago: failing, but within Digest:TroubleAfter.
            new FeedState
            {
                Key = FeedSource.KeyOf("https://feeds.example/usually-fine.xml"), Url = "https://feeds.example/usually-fine.xml", LastAttempt = now.AddMinutes(-20), LastSuccess = now.AddHours(-1),
                LastError = "timed out", LastErrorAt = now.AddMinutes(-20), ConsecutiveFailures = 2,
            });

        Assert.Contains("nothing new; 1 feed in trouble", message.Subject);
        Assert.Contains("; 1 feed in trouble (below).", message.TextBody);
        Assert.DoesNotContain("none in trouble", message.TextBody);
        Assert.Contains("never fetched successfully, 1 failure in a row", message.TextBody);
        Assert.Contains("typo.xml", message.TextBody);
        Assert.DoesNotContain("usually-fine", message.TextBody);
    }

    [Fact]
    public void Failing_feeds_within_their_grace_are_not_hidden_behind_none_in_trouble()
    {
        static DailyDigest Quiet(FeedCheck feeds) => DigestComposer.Compose(new Recipient("ana@example.org"), ArticleCatalog.LoadSeed(),
            new DigestPeriod(new DateOnly(2024, 3, 12), TestFeeds.Date("2024-03-11T07:00:00Z"), TestFeeds.Date("2024-03-12T07:00:00Z")),
            TimeZoneInfo.Utc, feeds, new NewCoverage([], new Dictionary<string, StoredLinks>()));
        Assert.EndsWith("; 2 feeds failed the last attempt, none in trouble yet.", DigestWording.FeedsLine(Quiet(new FeedCheck(2, 2, [], Failing: 2))));
        Assert.EndsWith("; none in trouble.", DigestWording.FeedsLine(Quiet(new FeedCheck(2, 2, []))));
    }

    [Fact]
    public async Task With_skip_empty_a_quiet_day_sends_nothing_and_the_next_digest_starts_where_it_ended()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var host = new DigestHost(azurite, TestFeeds.Date("2024-03-12T03:10:00Z"), new Dictionary<string, string?>
        {
            ["Digest:Recipients"] = "ana@example.org", ["Digest:SkipEmpty"] = "true", ["Smtp:Port"] = sink.Port.ToString(),
        });

        Assert.Equal(DigestOutcome.Skipped, Assert.Single((await host.RunAsync()).Results).Outcome);
        Assert.Empty(sink.Received);
        var skipped = await host.Store.GetAsync("ana@example.org", new DateOnly(2024, 3, 12));
        Assert.Equal(DigestStatus.Skipped, skipped!.Status);
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(DigestOutcome.Delivered, Assert.Single((await host.RunAsync()).Results).Outcome);

        await host.SeedAsync(TestFeeds.Date("2024-03-12T10:00:00Z"), DigestSamples.Later);
        host.Clock.SetUtcNow(TestFeeds.Date("2024-03-13T03:01:00Z"));
        Assert.Equal(DigestOutcome.Sent, Assert.Single((await host.RunAsync()).Results).Outcome);
        Assert.Contains("Armenia and Azerbaijan trade fire", Assert.Single(sink.Received).Message.TextBody);
        Assert.Equal(skipped.End, (await host.Store.GetAsync("ana@example.org", new DateOnly(2024, 3, 13)))!.Start);
    }

    [Fact]
    public async Task The_folder_transport_writes_eml_and_html_once()
    {
        var folder = Directory.CreateTempSubdirectory("digests").FullName;
        try
        {
            await using var host = new DigestHost(azurite, TestFeeds.Date("2024-03-12T03:10:00Z"), new Dictionary<string, string?>
            {
                ["Digest:Recipients"] = "ana@example.org", ["Digest:Folder"] = folder, ["Smtp:Host"] = "",
            });
            await host.SeedAsync(TestFeeds.Date("2024-03-11T20:00:00Z"), DigestSamples.Iran);

            var run = await host.RunAsync();
            Assert.Equal(DigestOutcome.Sent, Assert.Single(run.Results).Outcome);
            host.Clock.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(DigestOutcome.Delivered, Assert.Single((await host.RunAsync()).Results).Outcome);

            Assert.Equal(["digest-2024-03-12-ana@example.org.eml", "digest-2024-03-12-ana@example.org.html"],
                Directory.GetFiles(folder).Select(Path.GetFileName).Order());
            var eml = await MimeKit.MimeMessage.LoadAsync(Path.Combine(folder, "digest-2024-03-12-ana@example.org.eml"));
            Assert.Contains("Iran warns Azerbaijan", eml.TextBody);
            Assert.Equal(eml.HtmlBody, await File.ReadAllTextAsync(Path.Combine(folder, "digest-2024-03-12-ana@example.org.html")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
