using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Core.Feeds;

/// <summary>Parses the dates feeds write (RFC 822 with named zones, ISO 8601, and common near-misses) to UTC.</summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = "+0000", ["UTC"] = "+0000", ["GMT"] = "+0000", ["Z"] = "+0000",
        ["EST"] = "-0500", ["EDT"] = "-0400", ["CST"] = "-0600", ["CDT"] = "-0500",
        ["MST"] = "-0700", ["MDT"] = "-0600", ["PST"] = "-0800", ["PDT"] = "-0700",
        ["CET"] = "+0100", ["CEST"] = "+0200", ["MSK"] = "+0300", ["AMT"] = "+0400", ["AZT"] = "+0400", ["IRST"] = "+0330",
    };

    private static readonly string[] Rfc822Formats =
    [
        "ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm zzz",
        "ddd, d MMM yy HH:mm:ss zzz", "d MMM yy HH:mm:ss zzz", "ddd, d MMMM yyyy HH:mm:ss zzz",
        "ddd, d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm:ss",
    ];

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = Spaces().Replace(value.Trim(), " ");

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso) && LooksIso(text))
            return iso.ToUniversalTime();

        // RFC 822: turn a trailing zone name or "+hhmm" into "+hh:mm" so "zzz" reads it.
        var m = TrailingZone().Match(text);
        if (m.Success)
        {
            var zone = m.Groups[1].Value;
            if (Zones.TryGetValue(zone, out var offset)) zone = offset;
            if (zone.Length == 5) zone = zone[..3] + ":" + zone[3..];
            text = text[..m.Index] + " " + zone;
        }
        if (DateTimeOffset.TryParseExact(text, Rfc822Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var rfc))
            return rfc.ToUniversalTime();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var loose))
            return loose.ToUniversalTime();
        return null;
    }

    private static bool LooksIso(string text) => text.Length >= 10 && char.IsDigit(text[0]) && text[4] == '-';

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s([+-]\d{4}|[+-]\d{2}:\d{2}|[A-Za-z]{1,5})$")]
    private static partial Regex TrailingZone();
}
