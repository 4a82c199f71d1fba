using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Monitor.Core.Feeds;

namespace Monitor.Core.Hosting;

/// <summary>
/// The names a host's user sets. Core's messages name option keys (Storage:ConnectionString, Smtp:Security); the
/// hosts, and only they, pass what they print or log through <see cref="Translate"/>, so a user reads the
/// environment variable or app setting they set: "__" for ":", or the short name that overrides the key.
/// </summary>
public sealed partial class SettingNames(IConfiguration configuration)
{
    public const string Storage = "MONITOR_STORAGE";
    public const string Feeds = "MONITOR_FEEDS";
    public const string Articles = "MONITOR_ARTICLES";
    public const string HostStorage = "AzureWebJobsStorage";

    /// <summary>Where an option's value may come from, in the order AddMonitor reads them; the first one set is named.</summary>
    private static readonly Dictionary<string, string[]> Sources = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Storage:ConnectionString"] = [Storage, "Storage:ConnectionString", HostStorage],
        ["Storage:TableServiceUri"] = ["Storage:TableServiceUri", HostStorage + ":accountName"],
        ["Storage:QueueServiceUri"] = ["Storage:QueueServiceUri", HostStorage + ":queueServiceUri", HostStorage + ":accountName"],
        ["Storage:ClientId"] = ["Storage:ClientId", HostStorage + ":clientId"],
        ["Fetch:AllowPrivateNetworks"] = [NetworkPolicy.AllowSetting, "Fetch:AllowPrivateNetworks"],
        ["Feeds:File"] = [Feeds, "Feeds:File"],
        ["Articles:Folder"] = [Articles, "Articles:Folder"],
    };

    /// <summary>The setting that gives <paramref name="key"/> its value here (or would, when none does).</summary>
    public string Name(string key)
    {
        if (Sources.TryGetValue(key, out var sources))
            key = sources.FirstOrDefault(s => !string.IsNullOrWhiteSpace(configuration[s])) ?? sources[0];
        return key.Replace(":", "__", StringComparison.Ordinal);
    }

    /// <summary>The text with every option key (Section:Name) in it replaced by its setting's name.</summary>
    public string Translate(string text) => OptionKey().Replace(text, m => Name(m.Value));

    /// <summary>
    /// The message of a failure a user fixes in their settings or input (options refused at start, or Core's input
    /// errors), with the setting names of this host; null for any other failure.
    /// </summary>
    public string? Describe(Exception e) => e switch
    {
        OptionsValidationException v => Translate(string.Join("; ", v.Failures)),
        AggregateException a when a.InnerExceptions.Count > 0 && a.InnerExceptions.All(i => i is OptionsValidationException) =>
            Translate(string.Join("; ", a.InnerExceptions.SelectMany(i => ((OptionsValidationException)i).Failures))),
        MonitorInputException => Translate(e.Message),
        _ => null,
    };

    // Section:Name with both parts capitalised, not inside a longer token (a URL, a time, a path).
    [GeneratedRegex(@"(?<![\w:/.\\-])[A-Z][A-Za-z]*:[A-Z][A-Za-z]*(?![\w/\\]|:[\w/\\])")]
    private static partial Regex OptionKey();
}
