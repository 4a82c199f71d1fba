namespace Monitor.Core.Feeds.Parsing;

/// <summary>Month names, zone abbreviations and translations that feed dates use.</summary>
internal static class DateWords
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = 1, ["january"] = 1, ["feb"] = 2, ["february"] = 2, ["mar"] = 3, ["march"] = 3, ["apr"] = 4, ["april"] = 4,
        ["may"] = 5, ["jun"] = 6, ["june"] = 6, ["jul"] = 7, ["july"] = 7, ["aug"] = 8, ["august"] = 8,
        ["sep"] = 9, ["sept"] = 9, ["september"] = 9, ["oct"] = 10, ["october"] = 10, ["nov"] = 11, ["november"] = 11,
        ["dec"] = 12, ["december"] = 12,
        // German feeds (WordPress with a German locale) write these.
        ["januar"] = 1, ["februar"] = 2, ["mär"] = 3, ["mrz"] = 3, ["märz"] = 3, ["mai"] = 5, ["juni"] = 6, ["juli"] = 7,
        ["okt"] = 10, ["oktober"] = 10, ["dez"] = 12, ["dezember"] = 12,
    };

    /// <summary>Hungarian month names, as in "2004-július-13".</summary>
    public static readonly IReadOnlyDictionary<string, string> HungarianMonths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["január"] = "01", ["február"] = "02", ["március"] = "03", ["április"] = "04", ["május"] = "05", ["június"] = "06",
        ["július"] = "07", ["augusztus"] = "08", ["szeptember"] = "09", ["október"] = "10", ["november"] = "11", ["december"] = "12",
    };

    /// <summary>Greek weekday and month abbreviations → English, so "Κυρ, 11 Ιούλ 2004" reads as RFC 822.</summary>
    public static readonly IReadOnlyDictionary<string, string> Greek = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Κυρ"] = "Sun", ["Δευ"] = "Mon", ["Τρι"] = "Tue", ["Τετ"] = "Wed", ["Πεμ"] = "Thu", ["Παρ"] = "Fri", ["Σαβ"] = "Sat",
        ["Ιαν"] = "Jan", ["Φεβ"] = "Feb", ["Μάώ"] = "Mar", ["Μαώ"] = "Mar", ["Μάρ"] = "Mar", ["Μαρ"] = "Mar", ["Απρ"] = "Apr",
        ["Μάι"] = "May", ["Μαϊ"] = "May", ["Μαι"] = "May", ["Ιούν"] = "Jun", ["Ιον"] = "Jun", ["Ιούλ"] = "Jul", ["Ιολ"] = "Jul",
        ["Αύγ"] = "Aug", ["Αυγ"] = "Aug", ["Σεπ"] = "Sep", ["Οκτ"] = "Oct", ["Νοέ"] = "Nov", ["Νοε"] = "Nov", ["Δεκ"] = "Dec",
    };

    /// <summary>Zone abbreviations in minutes east of UTC. Ambiguous ones take the reading news feeds mean.</summary>
    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["Etc/GMT"] = 0, ["Etc/UTC"] = 0, ["WET"] = 0,
        ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300, ["MST"] = -420, ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420,
        ["AT"] = -240, ["ET"] = -300, ["CT"] = -360, ["MT"] = -420, ["PT"] = -480, ["AST"] = -240, ["ADT"] = -180,
        ["AKST"] = -540, ["AKDT"] = -480, ["HST"] = -600, ["NST"] = -210, ["NDT"] = -150,
        ["BST"] = 60, ["IST"] = 330, ["CET"] = 60, ["CEST"] = 120, ["MET"] = 60, ["MEST"] = 120, ["WEST"] = 60,
        ["EET"] = 120, ["EEST"] = 180, ["MSK"] = 180, ["TRT"] = 180, ["AMT"] = 240, ["AZT"] = 240, ["GET"] = 240, ["GST"] = 240,
        ["IRST"] = 210, ["IRDT"] = 270, ["PKT"] = 300, ["HKT"] = 480, ["SGT"] = 480, ["AWST"] = 480, ["JST"] = 540, ["KST"] = 540,
        ["ACST"] = 570, ["AEST"] = 600, ["AEDT"] = 660, ["NZST"] = 720, ["NZDT"] = 780,
    };

    public static int? Month(string name) => Months.TryGetValue(name.TrimEnd('.'), out var m) ? m : null;

    public static bool IsMonth(string name) => Month(name) is not null;

    /// <summary>A zone as an offset: a name, "+hhmm", "-hh:mm", "+hh", "GMT-01:01"; null when it is malformed or out of range.</summary>
    public static TimeSpan? Offset(string zone)
    {
        zone = zone.Trim();
        if (zone.Length == 0) return TimeSpan.Zero;
        if (Zones.TryGetValue(zone, out var minutes)) return TimeSpan.FromMinutes(minutes);
        foreach (var prefix in (string[])["GMT", "UTC", "UT"])
            if (zone.Length > prefix.Length && zone.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && zone[prefix.Length] is '+' or '-')
                return Numeric(zone[prefix.Length..]);
        if (zone[0] is '+' or '-') return Numeric(zone);
        // An unknown name: the time is still right within a day, which beats dropping the date.
        return zone.All(char.IsAsciiLetter) && zone.Length <= 5 ? TimeSpan.Zero : null;
    }

    private static TimeSpan? Numeric(string zone)
    {
        var sign = zone[0] == '-' ? -1 : 1;
        var digits = zone[1..].Replace(":", "");
        if (digits.Length is not (1 or 2 or 4) || !digits.All(char.IsAsciiDigit)) return null;
        var hours = int.Parse(digits.Length == 4 ? digits[..2] : digits);
        var mins = digits.Length == 4 ? int.Parse(digits[2..]) : 0;
        if (hours > 14 || mins > 59) return null;
        return sign * new TimeSpan(hours, mins, 0);
    }
}
