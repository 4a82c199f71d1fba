using System.Text.RegularExpressions;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>
/// ISO 8601 and W3C-DTF dates ("2003-12-31T10:14:55Z", "2003-12", "2004-07-08 23:56:58 -00:20"), the truncated
/// forms of ISO 8601:2000 ("031231", "-03-12", "03335"), Hungarian month names, and the Korean blog formats.
/// A date that matches a form but is out of range is rejected, not guessed.
/// </summary>
internal static partial class IsoDates
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    public static DateTimeOffset? Parse(string text)
    {
        var hungarian = HungarianMonth().Match(text);
        if (hungarian.Success && DateWords.HungarianMonths.TryGetValue(hungarian.Groups[1].Value, out var number))
            text = text[..hungarian.Groups[1].Index] + number + text[(hungarian.Groups[1].Index + hungarian.Groups[1].Length)..];

        if (Full().Match(text) is { Success: true } m)
        {
            var g = m.Groups;
            var year = int.Parse(g["y"].Value);
            var month = g["mo"].Success ? int.Parse(g["mo"].Value) : 1;
            var day = g["d"].Success ? int.Parse(g["d"].Value) : 1;
            if (g["o"].Success)
            {
                var ordinal = int.Parse(g["o"].Value);
                if (ordinal < 1 || ordinal > (DateTime.IsLeapYear(year) ? 366 : 365)) return null;
                var date = new DateTime(year, 1, 1).AddDays(ordinal - 1);
                (month, day) = (date.Month, date.Day);
            }
            return Build(year, month, day, g["h"], g["mi"], g["s"], g["z"].Success ? g["z"].Value : "");
        }
        if (Truncated().Match(text) is { Success: true } t)
        {
            var g = t.Groups;
            // Five or more digits that begin with a plausible four-digit year are a year too long, not "YYDDD".
            if (!text.StartsWith('-') && !text.Contains('-') && text.Length >= 5 && text[0] != '0') return null;
            var year = 2000 + int.Parse(g["yy"].Value); // ISO 8601:2000 puts two-digit years in the current century
            if (g["o"].Success)
            {
                var ordinal = int.Parse(g["o"].Value);
                if (ordinal < 1 || ordinal > (DateTime.IsLeapYear(year) ? 366 : 365)) return null;
                return new DateTimeOffset(new DateTime(year, 1, 1).AddDays(ordinal - 1), TimeSpan.Zero);
            }
            var month = int.Parse(g["mo"].Value);
            var day = g["d"].Success ? int.Parse(g["d"].Value) : 1;
            return Build(year, month, day, g["h"], g["mi"], g["s"], "");
        }
        if (OnBlog().Match(text) is { Success: true } k)
            return At(k, pm: false);
        if (Nate().Match(text) is { Success: true } n)
            return At(n, pm: n.Groups["ampm"].Value == "오후");
        return null;
    }

    private static DateTimeOffset? At(Match m, bool pm)
    {
        var hour = int.Parse(m.Groups["h"].Value);
        if (hour > 12 && pm) return null;
        if (pm && hour < 12) hour += 12;
        else if (!pm && m.Groups["ampm"].Success && hour == 12) hour = 0;
        return Date.Make(int.Parse(m.Groups["y"].Value), int.Parse(m.Groups["mo"].Value), int.Parse(m.Groups["d"].Value),
            hour, int.Parse(m.Groups["mi"].Value), int.Parse(m.Groups["s"].Value), Kst);
    }

    private static DateTimeOffset? Build(int year, int month, int day, Group h, Group mi, Group s, string zone)
    {
        var offset = DateWords.Offset(zone);
        if (offset is null) return null;
        return Date.Make(year, month, day, h.Success ? int.Parse(h.Value) : 0, mi.Success ? int.Parse(mi.Value) : 0,
            s.Success ? int.Parse(s.Value) : 0, offset.Value);
    }

    private const string Time = @"(?:[T\s](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,]\d+)?)?)";

    [GeneratedRegex(@"^(?<y>\d{4})(?:(?:-(?<mo>0?\d{2})(?:-(?<d>\d{2}))?)|-(?<o>\d{3})|(?<mo>\d{2})(?<d>\d{2}))?(?:" + Time +
                    @"\s*(?<z>Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z]{2,5})?)?$")]
    private static partial Regex Full();

    [GeneratedRegex(@"^(?:-(?<yy>\d{2})-?(?<mo>\d{2})|(?<yy>\d{2})-?(?<mo>\d{2})-?(?<d>\d{2})|(?<yy>\d{2})-?(?<o>\d{3}))" + Time + "?$")]
    private static partial Regex Truncated();

    [GeneratedRegex(@"^\d{4}-(\p{L}+)-")]
    private static partial Regex HungarianMonth();

    [GeneratedRegex(@"^(?<y>\d{4})년\s*(?<mo>\d{1,2})월\s*(?<d>\d{1,2})일\s+(?<h>\d{1,2}):(?<mi>\d{2}):(?<s>\d{2})$")]
    private static partial Regex OnBlog();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})\s+(?<ampm>오전|오후)\s+(?<h>\d{1,2}):(?<mi>\d{2}):(?<s>\d{2})$")]
    private static partial Regex Nate();
}

internal static class Date
{
    /// <summary>The instant in UTC, or null when a field is out of range (month 13, 25 o'clock, 31 February).</summary>
    public static DateTimeOffset? Make(int year, int month, int day, int hour, int minute, int second, TimeSpan offset)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return null;
        var utcTicks = new DateTime(year, month, day, hour, minute, second).Ticks - offset.Ticks;
        if (utcTicks < 0 || utcTicks > DateTime.MaxValue.Ticks) return null;
        return new DateTimeOffset(utcTicks, TimeSpan.Zero);
    }
}
