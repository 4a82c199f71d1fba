using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Core.Storage;

namespace Monitor.Tests.Polling;

public sealed class FeedChangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static FetchResult Ok(string? etag = "\"v2\"") => new(FetchStatus.Ok, [], null, etag, null, null, 200);

    private static FeedItem Item(int n) => new()
    {
        Id = $"{n:x16}{new string('0', 16)}", Url = $"https://news.example/{n}", Title = $"Item {n}", Summary = "text",
        Source = "Wire", FeedUrl = "https://news.example/rss", Published = Now, FirstSeen = Now,
    };

    [Fact]
    public void A_change_is_the_new_values_so_applying_it_twice_is_applying_it_once()
    {
        var state = new FeedState { Key = "k", Url = "https://news.example/rss", ItemsStored = 10, ConsecutiveFailures = 2, LastError = "HTTP 500" };
        var read = new FeedIntake.Result(new ParsedFeed("<b>Wire</b>", null, []), [Item(1), Item(2)]);
        var change = FeedChange.Read(state, Ok(), read, fresh: 2, bodyHash: "h", Now);
        Assert.Equal(10, state.ItemsStored); // made, not yet applied

        change.ApplyTo(state);
        change.ApplyTo(state);

        Assert.Equal(12, state.ItemsStored);
        Assert.Equal([1UL, 2UL], state.Seen);
        Assert.Equal(("Wire", "\"v2\"", "h", 0, (string?)null, Now), (state.Title, state.HttpETag, state.BodyHash, state.ConsecutiveFailures, state.LastError, state.LastAttempt));
    }

    [Fact]
    public void A_healthy_feed_answering_304_again_is_worth_a_write_only_when_its_success_time_is_an_hour_old()
    {
        var state = new FeedState { Key = "k", Url = "u", LastSuccess = Now.AddMinutes(-15), StorageETag = new Azure.ETag("e") };
        Assert.False(FeedChange.Unchanged(state, Ok(), Now).WorthSaving);
        state.LastSuccess = Now.AddHours(-1);
        Assert.True(FeedChange.Unchanged(state, Ok(), Now).WorthSaving);
        state.LastSuccess = Now.AddMinutes(-15);
        state.ConsecutiveFailures = 1;
        Assert.True(FeedChange.Unchanged(state, Ok(), Now).WorthSaving);
    }

    [Fact]
    public void A_failure_counts_backs_off_and_keeps_the_last_success()
    {
        var state = new FeedState { Key = "k", Url = "u", LastSuccess = Now.AddDays(-1), ConsecutiveFailures = 2 };
        var gone = new FetchResult(FetchStatus.Gone, [], null, null, null, "HTTP 410 Gone", 410);
        FeedChange.Failed(state, FetchResult.Fail("HTTP 500"), "HTTP 500", Now, bodyHash: null).ApplyTo(state);
        Assert.Equal((3, Now.AddMinutes(20), Now.AddDays(-1), false), (state.ConsecutiveFailures, state.NextPoll, state.LastSuccess, state.Gone));

        FeedChange.Failed(state, gone, "HTTP 410 Gone", Now, bodyHash: null).ApplyTo(state);
        Assert.Equal((4, Now.AddHours(24), true), (state.ConsecutiveFailures, state.NextPoll, state.Gone));
    }
}
