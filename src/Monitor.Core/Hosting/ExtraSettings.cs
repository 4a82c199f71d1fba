using Microsoft.Extensions.Configuration;

namespace Monitor.Core.Hosting;

/// <summary>
/// MONITOR_SETTINGS: every setting that has no azd value of its own, in one value ("Fetch__MaxConcurrentFeeds=8;
/// Digest__SkipEmpty=true"). In Azure the template writes the whole app-settings list at each deployment, so a
/// setting changed in the portal is undone; this one pass-through keeps the template the one place settings live.
/// The hosts layer it beneath their own configuration.
/// </summary>
public static class ExtraSettings
{
    public const string Name = "MONITOR_SETTINGS";

    /// <summary>
    /// The configuration keys ("__" read as ":") and values in MONITOR_SETTINGS. An entry that is not NAME=value,
    /// names a key twice, or names a setting that already has a value of its own (an app setting or environment
    /// variable, which would silently win) is refused, so a typo is never ignored.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Read(IConfiguration configuration)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (configuration[Name] is not { Length: > 0 } text) return settings;
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0) throw new MonitorInputException($"{Name}: '{entry}' is not NAME=value (entries are separated by ';')");
            var key = entry[..equals].Trim().Replace("__", ":", StringComparison.Ordinal);
            if (key.Equals(Name, StringComparison.OrdinalIgnoreCase)) throw new MonitorInputException($"{Name}: cannot set itself");
            if (!settings.TryAdd(key, entry[(equals + 1)..].Trim()))
                throw new MonitorInputException($"{Name}: {key} is set twice");
            if (configuration[key] is not null)
                throw new MonitorInputException($"{Name}: {key} has a value of its own (an app setting or environment variable, which wins); set it there, not in {Name}");
        }
        return settings;
    }
}
