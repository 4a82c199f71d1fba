using System.Globalization;

namespace Monitor.Core.Query;

/// <summary>Parses query parameters given as text (command line or URL) into a clear error when they are wrong.</summary>
public static class QueryParameters
{
    public static DateTimeOffset? Date(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            return date;
        throw new MonitorInputException($"{name}: '{text}' is not a date; use ISO 8601, e.g. 2022-09-20 or 2022-09-20T12:00:00Z");
    }

    public static int? Int(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        throw new MonitorInputException($"{name}: '{text}' is not a whole number");
    }
}
