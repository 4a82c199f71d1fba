using System.Text.RegularExpressions;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>
/// Parses the dates feeds write to UTC: RFC 822 with named or numeric zones and its near-misses (no seconds,
/// no time, two-digit years, stray commas, full month names, "GMT-01:01"), asctime and JavaScript's
/// Date.toString, Perforce's "2006/09/15", ISO 8601/W3C-DTF (see <see cref="IsoDates"/>), Greek, Hungarian
/// and Korean spellings. Anything out of range or malformed gives null rather than a guess.
/// </summary>
public static partial class FeedDates
{
    /// <summary>No date is written in more characters; a longer value is not a date (and is not run through the patterns).</summary>
    private const int MaxLength = 200;

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength) return null;
        var text = Spaces().Replace(value.Trim(), " ");
        return char.IsAsciiDigit(text[0]) || text[0] == '-'
            ? IsoDates.Parse(text) ?? Rfc822(text)
            : Rfc822(text);
    }

    private static DateTimeOffset? Rfc822(string text)
    {
        text = Comment().Replace(text, "");
        text = GreekWord().Replace(text, m => DateWords.Greek.GetValueOrDefault(m.Value) ?? m.Value);
        text = Spaces().Replace(text.Replace(',', ' '), " ").Trim();
        foreach (var form in Forms)
        {
            var m = form().Match(text);
            if (!m.Success) continue;
            var g = m.Groups;
            var month = g["mo"].Success ? int.Parse(g["mo"].Value) : DateWords.Month(g["mon"].Value);
            if (month is null) return null;
            var offset = DateWords.Offset(g["z"].Value);
            if (offset is null) return null;
            return Date.Make(Year(g["y"].Value), month.Value, int.Parse(g["d"].Value),
                g["h"].Success ? int.Parse(g["h"].Value) : 0, g["mi"].Success ? int.Parse(g["mi"].Value) : 0,
                g["s"].Success ? int.Parse(g["s"].Value) : 0, offset.Value);
        }
        return null;
    }

    /// <summary>RFC 2822: two-digit years 00–49 are 20xx, 50–99 are 19xx; three digits count from 1900.</summary>
    private static int Year(string digits)
    {
        var year = int.Parse(digits);
        return digits.Length switch { 2 => year < 50 ? 2000 + year : 1900 + year, 3 => 1900 + year, _ => year };
    }

    private static readonly Func<Regex>[] Forms = [DayMonthYear, MonthDayYear, AscTime, SlashDate];

    private const string Weekday = @"^(?:\p{L}+\.?\s)?";
    private const string Time = @"(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?";
    private const string Zone = @"(?:\s(?<z>\S+))?$";

    /// <summary>"Thu, 01 Jan 2004 19:48:21 GMT" and its variants.</summary>
    [GeneratedRegex(Weekday + @"(?<d>\d{1,2})\s(?<mon>\p{L}+)\.?\s(?<y>\d{2,4})(?:\s" + Time + ")?" + Zone)]
    private static partial Regex DayMonthYear();

    /// <summary>JavaScript's Date.toString(): "Thu Aug 30 2012 17:26:16 +0200".</summary>
    [GeneratedRegex(Weekday + @"(?<mon>\p{L}+)\.?\s(?<d>\d{1,2})\s(?<y>\d{4})(?:\s" + Time + ")?" + Zone)]
    private static partial Regex MonthDayYear();

    /// <summary>asctime "Sun Jan  4 16:29:06 2004", and Twitter's "Sun Jul 15 01:16:00 +0000 2012".</summary>
    [GeneratedRegex(Weekday + @"(?<mon>\p{L}+)\s(?<d>\d{1,2})\s" + Time + @"(?:\s(?<z>[^\s\d]\S*|[+-]\d{4}))?\s(?<y>\d{4})$")]
    private static partial Regex AscTime();

    /// <summary>Perforce: "Fri, 2006/09/15 08:19:53 EDT".</summary>
    [GeneratedRegex(Weekday + @"(?<y>\d{4})/(?<mo>\d{1,2})/(?<d>\d{1,2})(?:\s" + Time + ")?" + Zone)]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>A trailing "(PST)"-style comment, as RFC 822 allows.</summary>
    [GeneratedRegex(@"\s*\([^)]*\)\s*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"[\u0370-\u03FF\u1F00-\u1FFF]+")]
    private static partial Regex GreekWord();
}
