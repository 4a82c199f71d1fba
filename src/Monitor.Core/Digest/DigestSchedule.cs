// Hand-written gap search: TimeZoneInfo has no "end of this DST gap" call; NodaTime's resolver has one, but would bring a second time API and its own tz database for 12 lines.
using System.Globalization;

namespace Monitor.Core.Digest;

/// <summary>
/// When a day's digest is due: a local time in an IANA time zone, turned into UTC for each date, so the mail
/// comes at 07:00 local all year while the timer runs in UTC. Daylight saving: a local time that does not
/// exist that day (spring-forward gap) is due when the gap ends; one that occurs twice is due the first time.
/// </summary>
public sealed class DigestSchedule
{
    public DigestSchedule(TimeOnly localTime, TimeZoneInfo zone)
    {
        LocalTime = localTime;
        Zone = zone;
    }

    public TimeOnly LocalTime { get; }
    public TimeZoneInfo Zone { get; }

    public static DigestSchedule From(DigestOptions options)
    {
        if (!TimeOnly.TryParseExact(options.LocalTime?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            throw new MonitorInputException($"Digest:LocalTime must be a time as HH:mm (e.g. 07:00), not '{options.LocalTime}'");
        return new DigestSchedule(time, FindZone(options.TimeZone));
    }

    public static TimeZoneInfo FindZone(string? id)
    {
        // IANA ids work on Linux and, with ICU, on Windows; a Windows id would tie the setting to one platform.
        if (string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) || !zone.HasIanaId)
            throw new MonitorInputException($"Digest:TimeZone must be an IANA time zone (e.g. Europe/Berlin, Asia/Yerevan), not '{id}'");
        return zone;
    }

    /// <summary>The instant the digest of the local <paramref name="date"/> is due.</summary>
    public DateTimeOffset DueAt(DateOnly date)
    {
        var local = date.ToDateTime(LocalTime, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local)) return GapEnd(local);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// The end of the gap that swallows <paramref name="local"/>: the first instant whose local time is later, to the
    /// second, found by halving a window of a day either side (offsets are within ±14 h, gaps a few hours at most).
    /// </summary>
    private DateTimeOffset GapEnd(DateTime local)
    {
        var wall = new DateTimeOffset(local, TimeSpan.Zero);
        long before = -86_400, after = 86_400; // seconds from the wall time read as UTC: before is still earlier than local
        while (after - before > 1)
        {
            var middle = before + (after - before) / 2;
            if (TimeZoneInfo.ConvertTime(wall.AddSeconds(middle), Zone).DateTime > local) after = middle;
            else before = middle;
        }
        return wall.AddSeconds(after);
    }

    /// <summary>The latest local date whose digest is due at <paramref name="now"/>.</summary>
    public DateOnly DueDate(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        return DueAt(today) <= now ? today : today.AddDays(-1);
    }

    public DateTimeOffset ToLocal(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Zone);
}
