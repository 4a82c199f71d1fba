using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Core.Storage;

namespace Monitor.Tests.Polling;

public class PollScheduleTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(9, 1280)]
    [InlineData(10, 1440)]   // capped at 24 h
    [InlineData(500, 1440)]  // never more, never given up
    public void Backoff_doubles_and_is_capped_at_a_day(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), PollSchedule.Backoff(failures));

    [Fact]
    public void A_healthy_feed_is_due_every_pass_unless_the_server_asks_to_wait()
    {
        var state = new FeedState { Key = "k", Url = "https://a.example/" };
        Assert.Null(PollSchedule.Next(state, Ok(), Now));
        Assert.Equal(Now.AddMinutes(30), PollSchedule.Next(state, Ok() with { NotBefore = Now.AddMinutes(30) }, Now));
        Assert.Equal(Now.AddHours(24), PollSchedule.Next(state, Ok() with { NotBefore = Now.AddDays(30) }, Now));
    }

    [Fact]
    public void Retry_after_wins_over_a_shorter_backoff_and_backoff_over_a_shorter_retry_after()
    {
        var state = new FeedState { Key = "k", Url = "https://a.example/", ConsecutiveFailures = 3 }; // 20 min
        Assert.Equal(Now.AddHours(2), PollSchedule.Next(state, FetchResult.Fail("HTTP 429") with { NotBefore = Now.AddHours(2) }, Now));
        Assert.Equal(Now.AddMinutes(20), PollSchedule.Next(state, FetchResult.Fail("HTTP 429") with { NotBefore = Now.AddMinutes(1) }, Now));
        Assert.False(PollSchedule.IsDue(new FeedState { Key = "k", Url = "u", NextPoll = Now.AddSeconds(1) }, Now));
        Assert.True(PollSchedule.IsDue(new FeedState { Key = "k", Url = "u", NextPoll = Now }, Now));
    }

    private static FetchResult Ok() => new(FetchStatus.Ok, [], null, null, null, null, 200);
}
