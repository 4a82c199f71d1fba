using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Query;

namespace Monitor.Cli.Commands;

/// <summary>`feeds add|list|remove|import|export`: the subscriptions the polling passes read (Feeds table).</summary>
internal static class FeedsCommand
{
    public static Command Create(Func<IServiceProvider> services, TextWriter stdout, TextWriter stderr) =>
        new("feeds", "Manage the subscribed feeds that polling passes read (shared with the Functions app).")
        {
            FeedsAddCommand.Create(services, stdout, stderr),
            List(services, stdout, stderr),
            Remove(services, stdout, stderr),
            Import(services, stdout, stderr),
            Export(services, stdout),
        };

    private static Command List(Func<IServiceProvider> services, TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("list", "The subscribed feeds with their health from the last polling passes.") { json };
        command.SetAction(async (parse, ct) =>
        {
            var sp = services();
            var feeds = await sp.GetRequiredService<SubscriptionHealth>().ListAsync(ct).ConfigureAwait(false);
            WarnIfOverridden(sp, stderr);
            if (parse.GetValue(json)) stdout.WriteLine(JsonSerializer.Serialize(feeds, CoverageViews.Json));
            else PrintTable(feeds, stdout);
            return 0;
        });
        return command;
    }

    private static Command Remove(Func<IServiceProvider> services, TextWriter stdout, TextWriter stderr)
    {
        var url = new Argument<string>("url") { Description = "The feed's URL, as 'monitor feeds list' shows it." };
        var command = new Command("remove", "Unsubscribe a feed. Its items and coverage stay stored.") { url };
        command.SetAction(async (parse, ct) =>
        {
            var feed = RequireUrl(parse.GetValue(url)!);
            var sp = services();
            if (!await sp.GetRequiredService<SubscriptionStore>().RemoveAsync(feed, ct).ConfigureAwait(false))
                throw new MonitorInputException($"'{feed}' is not subscribed (see 'monitor feeds list')");
            stdout.WriteLine($"Removed {feed}");
            WarnIfOverridden(sp, stderr);
            return 0;
        });
        return command;
    }

    private static Command Import(Func<IServiceProvider> services, TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "An OPML file, or a plain list: one URL a line ('#' comments)." };
        var command = new Command("import", "Subscribe every feed of an OPML file or URL list (without fetching them).") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var feeds = FeedList.ReadFile(path);
            var sp = services();
            var result = await sp.GetRequiredService<SubscriptionStore>().AddManyAsync(feeds, ct).ConfigureAwait(false);
            stdout.WriteLine($"Imported {path}: {result.Added.Count} added, {result.AlreadyPresent.Count} already subscribed.");
            foreach (var f in result.Added) stdout.WriteLine($"  added {Describe(f.Url, f.Title)}");
            WarnIfOverridden(sp, stderr);
            return 0;
        });
        return command;
    }

    private static Command Export(Func<IServiceProvider> services, TextWriter stdout)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write the OPML to this file instead of the standard output." };
        var command = new Command("export", "Print the subscriptions as OPML 2.0 ('monitor feeds import' reads it back).") { output };
        command.SetAction(async (parse, ct) =>
        {
            var sp = services();
            var subscriptions = await sp.GetRequiredService<SubscriptionStore>().ListAsync(ct).ConfigureAwait(false);
            var opml = FeedList.ToOpml(subscriptions.Select(s => s.ToSource()), "Monitor subscriptions", sp.GetRequiredService<TimeProvider>().GetUtcNow());
            if (parse.GetValue(output) is not { Length: > 0 } path)
            {
                stdout.Write(opml);
                return 0;
            }
            try { await File.WriteAllTextAsync(path, opml, ct).ConfigureAwait(false); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new MonitorInputException($"cannot write '{path}': {e.Message}", e);
            }
            stdout.WriteLine($"Exported {subscriptions.Count} feeds to {path}");
            return 0;
        });
        return command;
    }

    /// <summary>The URL in the form subscriptions are keyed by, or a one-line input error.</summary>
    internal static string RequireUrl(string text) =>
        FeedList.TryNormaliseUrl(text, out var url) ? url : throw new MonitorInputException(FeedList.InvalidUrl(text));

    internal static string Describe(string url, string? title) => title is null ? url : $"{url}  ({title})";

    /// <summary>Subscriptions are ignored by passes while a feed file is configured; say so where it matters.</summary>
    internal static void WarnIfOverridden(IServiceProvider sp, TextWriter stderr)
    {
        if (sp.GetRequiredService<ConfiguredFeeds>().OverrideFile is { } file)
            stderr.WriteLine($"warning: MONITOR_FEEDS (Feeds:File) is set to '{file}'; polling passes read that file, not the subscriptions");
    }

    private static void PrintTable(IReadOnlyList<SubscribedFeed> feeds, TextWriter o)
    {
        if (feeds.Count == 0)
        {
            o.WriteLine("No feeds subscribed. Add one with 'monitor feeds add URL'.");
            return;
        }
        var failing = feeds.Count(f => f.Status is "failing" or "broken" or "gone");
        var broken = feeds.Count(f => f.Status == "broken");
        var never = broken > 0 ? $" ({broken} never fetched successfully: in trouble)" : "";
        o.WriteLine($"{feeds.Count} feed{(feeds.Count == 1 ? "" : "s")} subscribed, {failing} failing{never}.");
        o.WriteLine($"{"STATUS",-8} {"LAST SUCCESS",-17} {"FAILS",5}  FEED");
        foreach (var f in feeds)
        {
            var success = f.LastSuccess is { } s ? $"{s.UtcDateTime:yyyy-MM-dd HH:mm}Z" : "never";
            o.WriteLine($"{f.Status,-8} {success,-17} {f.ConsecutiveFailures,5}  {Describe(f.Url, f.Title)}");
            if (f.LastError is null) continue;
            var details = new List<string>();
            if (f.LastErrorAt is { } at) details.Add($"at {at.UtcDateTime:yyyy-MM-dd HH:mm}Z");
            if (f.NextPoll is { } next) details.Add($"next try {next.UtcDateTime:yyyy-MM-dd HH:mm}Z");
            o.WriteLine($"{"",34}{f.LastError}{(details.Count > 0 ? $" ({string.Join("; ", details)})" : "")}");
        }
    }
}
