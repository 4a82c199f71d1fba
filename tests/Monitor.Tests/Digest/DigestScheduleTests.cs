using Monitor.Core;
using Monitor.Core.Digest;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digest;

/// <summary>Local send times in IANA zones turned into UTC, across daylight-saving changes.</summary>
public class DigestScheduleTests
{
    private static DigestSchedule At(string time, string zone) => DigestSchedule.From(new DigestOptions { LocalTime = time, TimeZone = zone });

    [Theory]
    // Yerevan has no daylight saving: 07:00 is 03:00 UTC all year.
    [InlineData("Asia/Yerevan", "2024-03-31", "2024-03-31T03:00:00Z")]
    [InlineData("Asia/Yerevan", "2024-10-27", "2024-10-27T03:00:00Z")]
    // Berlin: CET (UTC+1) until 31 March 2024, CEST (UTC+2) from 02:00 that day, CET again from 27 October.
    [InlineData("Europe/Berlin", "2024-03-30", "2024-03-30T06:00:00Z")]
    [InlineData("Europe/Berlin", "2024-03-31", "2024-03-31T05:00:00Z")]
    [InlineData("Europe/Berlin", "2024-10-26", "2024-10-26T05:00:00Z")]
    [InlineData("Europe/Berlin", "2024-10-27", "2024-10-27T06:00:00Z")]
    // New York: EDT (UTC-4) until 2:00 on 3 November 2024, then EST (UTC-5).
    [InlineData("America/New_York", "2024-11-02", "2024-11-02T11:00:00Z")]
    [InlineData("America/New_York", "2024-11-03", "2024-11-03T12:00:00Z")]
    [InlineData("America/New_York", "2024-03-10", "2024-03-10T11:00:00Z")]
    public void Seven_in_the_morning_local_is_due_at_the_right_utc_instant(string zone, string date, string utc) =>
        Assert.Equal(TestFeeds.Date(utc), At("07:00", zone).DueAt(DateOnly.Parse(date)));

    [Theory]
    [InlineData("Europe/Berlin", "2024-03-31T04:59:00Z", "2024-03-30")] // 06:59 CEST: not yet
    [InlineData("Europe/Berlin", "2024-03-31T05:00:00Z", "2024-03-31")] // 07:00 CEST
    [InlineData("Europe/Berlin", "2024-10-27T05:59:00Z", "2024-10-26")] // 06:59 CET: not yet, though 07:59 by yesterday's offset
    [InlineData("Europe/Berlin", "2024-10-27T06:00:00Z", "2024-10-27")]
    [InlineData("America/New_York", "2024-11-03T11:59:00Z", "2024-11-02")]
    [InlineData("America/New_York", "2024-11-03T12:00:00Z", "2024-11-03")]
    [InlineData("Asia/Yerevan", "2024-03-11T22:30:00Z", "2024-03-11")] // 02:30 on the 12th in Yerevan: still the 11th's digest
    [InlineData("Asia/Yerevan", "2024-03-12T03:00:00Z", "2024-03-12")]
    public void The_due_date_is_the_latest_local_day_whose_send_time_has_passed(string zone, string now, string due) =>
        Assert.Equal(DateOnly.Parse(due), At("07:00", zone).DueDate(TestFeeds.Date(now)));

    [Fact]
    public void A_time_that_does_not_exist_is_due_when_the_gap_ends_and_one_that_occurs_twice_the_first_time()
    {
        var berlin = At("02:30", "Europe/Berlin");
        Assert.Equal(TestFeeds.Date("2024-03-31T01:00:00Z"), berlin.DueAt(new DateOnly(2024, 3, 31))); // 03:00 CEST
        Assert.Equal(TestFeeds.Date("2024-10-27T00:30:00Z"), berlin.DueAt(new DateOnly(2024, 10, 27))); // 02:30 CEST, not CET
    }

    [Theory]
    [InlineData("America/New_York", "02:30", "2024-03-10", "2024-03-10T07:00:00Z")] // 03:00 EDT
    [InlineData("Australia/Lord_Howe", "02:15", "2024-10-06", "2024-10-05T15:30:00Z")] // a half-hour gap: 02:30 +11
    public void Gaps_of_any_length_end_at_the_transition(string zone, string time, string date, string utc) =>
        Assert.Equal(TestFeeds.Date(utc), At(time, zone).DueAt(DateOnly.Parse(date)));

    [Theory]
    [InlineData("7am", "Europe/Berlin", "Digest:LocalTime")]
    [InlineData("25:00", "Europe/Berlin", "Digest:LocalTime")]
    [InlineData("07:00", "Mars/Olympus", "Digest:TimeZone")]
    [InlineData("07:00", "", "Digest:TimeZone")]
    public void Bad_settings_are_input_errors_naming_the_option(string time, string zone, string setting) =>
        Assert.StartsWith(setting, Assert.Throws<MonitorInputException>(() => At(time, zone)).Message);
}
