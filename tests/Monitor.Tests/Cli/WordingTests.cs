using Monitor.Cli.Commands;
using Monitor.Core.Linking;
using Monitor.Core.Polling;

namespace Monitor.Tests.Cli;

/// <summary>What `monitor poll` prints: plurals that agree, and an unchanged feed (304) called unchanged.</summary>
public sealed class WordingTests
{
    private static string Printed(params FeedOutcome[] feeds)
    {
        var o = new StringWriter();
        PollCommand.Print(new PollReport(feeds, TimeSpan.FromSeconds(1.2)), o);
        return o.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public void One_feed_one_item_one_link_are_singular()
    {
        var text = Printed(new FeedOutcome("https://a.example/rss", FeedOutcomeStatus.Ok, null, 1, 0, 1, 1));
        Assert.Contains("Polled 1 feed in 1.2 s: 1 ok, 0 failed.", text);
        Assert.Contains("Items: 1 new, 0 seen before; 1 new item linked (1 topic or claim link).", text);
    }

    [Fact]
    public void A_304_is_reported_as_unchanged_not_as_zero_items()
    {
        var text = Printed(new FeedOutcome("https://a.example/rss", FeedOutcomeStatus.NotModified, null, 0, 0, 0, 0));
        Assert.Contains("Polled 1 feed in 1.2 s: 1 ok (1 unchanged), 0 failed.", text);
        Assert.Contains("Items: none read: the feed was unchanged.", text);
        Assert.DoesNotContain("0 new", text);

        var mixed = Printed(
            new FeedOutcome("https://a.example/rss", FeedOutcomeStatus.NotModified, null, 0, 0, 0, 0),
            new FeedOutcome("https://b.example/rss", FeedOutcomeStatus.Ok, null, 2, 3, 0, 0),
            FeedOutcome.Failed("https://c.example/rss", "HTTP 404 Not Found"));
        Assert.Contains("Polled 3 feeds in 1.2 s: 2 ok (1 unchanged), 1 failed.", mixed);
        Assert.Contains("Items: 2 new, 3 seen before; 0 new items linked (0 topic and claim links).", mixed);
        Assert.Contains("  https://c.example/rss: HTTP 404 Not Found", mixed);
    }

    [Fact]
    public void Relink_counts_agree_with_their_nouns()
    {
        Assert.Equal("seed: 1 stored item re-scored, 1 linked; 1 coverage row written, 0 removed.", RelinkCommand.Describe(new RelinkReport("seed", 1, 1, 1, 0)));
        Assert.Equal("seed: 2 stored items re-scored, 0 linked; 0 coverage rows written, 3 removed.", RelinkCommand.Describe(new RelinkReport("seed", 2, 0, 0, 3)));
    }
}
