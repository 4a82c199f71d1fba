using System.Text.RegularExpressions;
using MimeKit;
using Monitor.Core.Digest;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digest;

/// <summary>Digests sent through a real SMTP server on loopback, recorded in a real Azurite, and read back with MimeKit.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class DigestDeliveryTests(AzuriteFixture azurite)
{
    // 07:10 in Yerevan (UTC+4 all year) on Tuesday 12 March 2024: the digest of the 12th is due.
    private static readonly DateTimeOffset Tuesday = TestFeeds.Date("2024-03-12T03:10:00Z");
    private static readonly DateTimeOffset PassBefore = TestFeeds.Date("2024-03-11T20:00:00Z");

    private DigestHost Host(SmtpSink? sink, string recipients = "ana@example.org", int? port = null, string? prefix = null, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Digest:Recipients"] = recipients, ["Smtp:Port"] = (port ?? sink?.Port ?? 25).ToString() };
        foreach (var (k, v) in more ?? new Dictionary<string, string?>()) settings[k] = v;
        return new DigestHost(azurite, Tuesday, settings, prefix);
    }

    private static string Html(MimeMessage m) => m.HtmlBody ?? throw new Xunit.Sdk.XunitException("no HTML part");

    private static string Text(MimeMessage m) => m.TextBody ?? throw new Xunit.Sdk.XunitException("no text part");

    [Fact]
    public async Task The_digest_arrives_as_text_and_html_grouped_by_topic_and_claim_with_hostile_items_made_harmless()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var host = Host(sink);
        await host.SeedAsync(PassBefore, DigestSamples.All);

        var run = await host.RunAsync();

        var result = Assert.Single(run.Results);
        Assert.Equal(DigestOutcome.Sent, result.Outcome);
        var (message, envelope) = Assert.Single(sink.Received);
        Assert.Equal(["ana@example.org"], envelope);
        Assert.Equal("ana@example.org", Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("monitor@example.org", Assert.Single(message.From.Mailboxes).Address);
        Assert.StartsWith("Monitor digest, Tue 12 Mar 2024: ", message.Subject);
        Assert.Contains("new stories", message.Subject);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Null(message.Headers["Bcc"]);
        Assert.Empty(message.Bcc);

        // multipart/alternative: plain text first, then HTML.
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));

        var html = Html(message);
        var text = Text(message);
        // Hostile markup is text, never markup; a javascript: link is no link at all.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Wire", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Drones hit Armenian villages near Jermuk", html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(DigestSamples.HostileTitle, text); // plain text is shown as text
        foreach (var href in Hrefs(html)) Assert.Matches("^https?://", href);
        Assert.Contains("href=\"https://news.example/2024/03/11/clashes?id=1&amp;b=2\"", html);
        Assert.Contains("href=\"https://news.example/2024/03/11/iran\"", html);
        Assert.DoesNotContain("onerror=", html.Replace("onerror=alert(2)&gt;", ""), StringComparison.Ordinal);

        // Each story once: the syndicated copy is folded under the first, with its outlet.
        Assert.Single(Regex.Matches(text, Regex.Escape("* Azerbaijan shells Armenian border towns")));
        Assert.Contains("also in: Second Wire", text);
        Assert.Contains("also in: <a href=\"https://second.example/world/clashes\"", html);
        Assert.DoesNotContain("football", text, StringComparison.OrdinalIgnoreCase);

        // Topics by activity, then claims: the border-clashes topic (three stories) comes first, with claim headings.
        var digest = result.Digest!;
        Assert.Equal("border-clashes", digest.Topics[0].Topic.Id);
        Assert.True(digest.Topics.Zip(digest.Topics.Skip(1)).All(p => p.First.Stories >= p.Second.Stories));
        Assert.Contains($"== {digest.Topics[0].Topic.Name} (", text);
        Assert.Contains(digest.Topics[0].Groups, g => g.Claim is not null);
        Assert.Matches(@"-- C\d\d: ", text);
        Assert.True(text.IndexOf(digest.Topics[0].Topic.Name, StringComparison.Ordinal) < text.IndexOf("Iran warns", StringComparison.Ordinal)
            || digest.Topics[0].Groups.SelectMany(g => g.Stories).Any(s => s.Entry.Title.StartsWith("Iran")));
        Assert.Contains("Claims that moved", text);
        Assert.Equal(4, digest.Stories); // clashes (with its copy), Iran, CSTO, the hostile one
        var stories = digest.Topics.SelectMany(t => t.Groups).SelectMany(g => g.Stories).ToList();
        Assert.Equal(4, stories.Count);
        Assert.All(stories, s => Assert.True(s.Why.Terms.Count > 0 || s.Why.Sentence.Length > 0));

        // Recorded as sent, so the next run sends nothing.
        var record = await host.Store.GetAsync("ana@example.org", new DateOnly(2024, 3, 12));
        Assert.Equal(DigestStatus.Sent, record!.Status);
        Assert.Equal(message.MessageId, record.MessageId);
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        var again = await host.RunAsync();
        Assert.Equal(DigestOutcome.Delivered, Assert.Single(again.Results).Outcome);
        Assert.Single(sink.Received);
    }

    [Fact]
    public async Task Two_runs_at_once_send_one_digest()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var first = Host(sink, "ana@example.org, ben@example.org");
        await using var second = Host(sink, "ana@example.org, ben@example.org", prefix: first.Prefix);
        await first.SeedAsync(PassBefore, DigestSamples.Iran);

        var runs = await Task.WhenAll(Task.Run(() => first.RunAsync()), Task.Run(() => second.RunAsync()));

        Assert.Equal(2, sink.Received.Count);
        Assert.Equal(["ana@example.org", "ben@example.org"], sink.Received.SelectMany(r => r.Envelope).Order());
        var outcomes = runs.SelectMany(r => r.Results).GroupBy(r => r.Recipient.Address).ToList();
        Assert.All(outcomes, g => Assert.Single(g, r => r.Outcome == DigestOutcome.Sent));
        Assert.All(runs.SelectMany(r => r.Results), r => Assert.Contains(r.Outcome, new[] { DigestOutcome.Sent, DigestOutcome.Held, DigestOutcome.Delivered }));
    }

    [Fact]
    public async Task With_the_smtp_server_down_nothing_is_marked_sent_and_the_next_run_delivers_the_whole_period()
    {
        var port = AzuriteFixture.FreePort();
        await using var host = Host(null, port: port);
        await host.SeedAsync(PassBefore, DigestSamples.Iran);

        var down = await host.RunAsync();
        var failed = Assert.Single(down.Results);
        Assert.Equal(DigestOutcome.Failed, failed.Outcome);
        Assert.Contains($"127.0.0.1:{port}", failed.Error);
        var record = await host.Store.GetAsync("ana@example.org", new DateOnly(2024, 3, 12));
        Assert.True(record is null || !record.Delivered);

        // A pass finds more while the server is down; then it comes back.
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        await host.SeedAsync(host.Clock.GetUtcNow().AddMinutes(-5), DigestSamples.Later);
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        await using var sink = await SmtpSink.StartAsync(port);
        var up = await host.RunAsync();

        Assert.Equal(DigestOutcome.Sent, Assert.Single(up.Results).Outcome);
        var text = Text(Assert.Single(sink.Received).Message);
        Assert.Contains("Iran warns Azerbaijan", text);
        Assert.Contains("Armenia and Azerbaijan trade fire", text);
        record = await host.Store.GetAsync("ana@example.org", new DateOnly(2024, 3, 12));
        Assert.Equal(DigestStatus.Sent, record!.Status);
        // The whole period: from the previous day's send time (no digest before) to this run.
        Assert.Equal(TestFeeds.Date("2024-03-11T03:00:00Z"), record.Start);
        Assert.Equal(host.Clock.GetUtcNow(), record.End);

        Assert.Equal(DigestOutcome.Delivered, Assert.Single((await host.RunAsync()).Results).Outcome);
        Assert.Single(sink.Received);
    }

    [Fact]
    public async Task A_message_the_server_refuses_is_recorded_as_failed_and_the_next_run_sends_it()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.Reject = true;
        await using var host = Host(sink);
        await host.SeedAsync(PassBefore, DigestSamples.Iran);

        var run = await host.RunAsync();

        var failed = Assert.Single(run.Results);
        Assert.Equal(DigestOutcome.Failed, failed.Outcome);
        Assert.Equal(1, sink.Rejected);
        Assert.Empty(sink.Received);
        var record = await host.Store.GetAsync("ana@example.org", new DateOnly(2024, 3, 12));
        Assert.Equal(DigestStatus.Failed, record!.Status);
        Assert.False(string.IsNullOrEmpty(record.LastError));

        sink.Reject = false;
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(DigestOutcome.Sent, Assert.Single((await host.RunAsync()).Results).Outcome);
        Assert.Contains("Iran warns Azerbaijan", Text(Assert.Single(sink.Received).Message));
        record = await host.Store.GetAsync("ana@example.org", new DateOnly(2024, 3, 12));
        Assert.Equal(DigestStatus.Sent, record!.Status);
        Assert.Equal(2, record.Attempts);
    }

    [Fact]
    public async Task The_next_digest_carries_only_what_is_new_including_an_item_a_running_pass_wrote_late()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var host = Host(sink);
        await host.SeedAsync(PassBefore, DigestSamples.Iran, DigestSamples.Csto);
        Assert.Equal(DigestOutcome.Sent, Assert.Single((await host.RunAsync()).Results).Outcome);
        var sentAt = host.Clock.GetUtcNow();

        // A pass that began before the digest (first sight 10 minutes earlier) writes its item only afterwards.
        await host.SeedAsync(sentAt.AddMinutes(-10), DigestSamples.Later);
        host.Clock.SetUtcNow(TestFeeds.Date("2024-03-13T03:05:00Z"));
        Assert.Equal(DigestOutcome.Sent, Assert.Single((await host.RunAsync()).Results).Outcome);

        var second = Text(sink.Received[1].Message);
        Assert.Contains("Armenia and Azerbaijan trade fire", second);
        Assert.DoesNotContain("Iran warns", second);
        Assert.DoesNotContain("CSTO declines", second);
        var record = await host.Store.GetAsync("ana@example.org", new DateOnly(2024, 3, 13));
        Assert.Equal(sentAt, record!.Start);
    }

    [Fact]
    public async Task Each_recipient_gets_their_own_message_with_their_topics()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var host = Host(sink, "ana@example.org, ben@example.org:iran-caucasus");
        await host.SeedAsync(PassBefore, DigestSamples.All);

        await host.RunAsync();

        Assert.Equal(2, sink.Received.Count);
        var ana = sink.Received.Single(r => r.Envelope.SequenceEqual(["ana@example.org"])).Message;
        var ben = sink.Received.Single(r => r.Envelope.SequenceEqual(["ben@example.org"])).Message;
        Assert.Equal("ben@example.org", Assert.Single(ben.To.Mailboxes).Address);
        Assert.Contains("Iran warns Azerbaijan", Text(ben));
        Assert.DoesNotContain("CSTO declines", Text(ben));
        Assert.DoesNotContain("ana@example.org", ben.ToString());
        Assert.Contains("following Iran and the South Caucasus", Text(ben));
        Assert.Contains("CSTO declines", Text(ana));
        Assert.Contains("following every topic", Text(ana));
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();

    private static IEnumerable<string> Hrefs(string html) => Href().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));
}
