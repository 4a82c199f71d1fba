using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core;
using Monitor.Core.Feeds.Subscriptions;

namespace Monitor.Cli.Commands;

/// <summary>
/// `feeds add URL`: checks the URL with the poller's own fetcher and parser before subscribing it. A page that
/// is not a feed is scanned for the feeds it links; one is subscribed, several are listed for the user to pick.
/// </summary>
internal static class FeedsAddCommand
{
    public static Command Create(Func<IServiceProvider> services, TextWriter stdout, TextWriter stderr)
    {
        var url = new Argument<string>("url") { Description = "A feed's URL, or a web page that links its feeds (http or https)." };
        var title = new Option<string?>("--title") { Description = "The feed's title (default: the title the feed gives itself)." };
        var all = new Option<bool>("--all") { Description = "When the page links several feeds, subscribe them all." };
        var noCheck = new Option<bool>("--no-check") { Description = "Subscribe the URL as given, without fetching it (e.g. a feed that is down now)." };
        var command = new Command("add", "Subscribe a feed, or the feeds a web page links.") { url, title, all, noCheck };
        command.SetAction(async (parse, ct) =>
        {
            var target = FeedsCommand.RequireUrl(parse.GetValue(url)!);
            var givenTitle = parse.GetValue(title) is { } t && !string.IsNullOrWhiteSpace(t) ? t.Trim() : null;
            if (givenTitle is not null && parse.GetValue(all))
                throw new MonitorInputException("--title names one feed; it cannot be combined with --all");
            var sp = services();
            var asGiven = parse.GetValue(noCheck);
            var request = new SubscribeRequest(target, givenTitle, Check: !asGiven, All: parse.GetValue(all));
            Report(await sp.GetRequiredService<FeedSubscriber>().SubscribeAsync(request, ct).ConfigureAwait(false), asGiven ? " (not checked)" : "", stdout);
            FeedsCommand.WarnIfOverridden(sp, stderr);
            return 0;
        });
        return command;
    }

    /// <summary>Prints what was done, line by line; what stopped it is an input error (one line).</summary>
    private static void Report(SubscribeResult result, string note, TextWriter stdout)
    {
        const string NoCheckHint = "add --no-check to subscribe it without checking";
        var (url, found) = (result.Url, result.Linked);
        switch (result.Outcome)
        {
            case SubscribeOutcome.AlreadySubscribed:
                stdout.WriteLine($"Already subscribed: {FeedsCommand.Describe(result.Existing!.Url, result.Existing.Title)}");
                return;
            case SubscribeOutcome.NotReadable when found.Count == 0:
                throw new MonitorInputException($"cannot subscribe {url}: {result.Reason}; {NoCheckHint}");
            case SubscribeOutcome.NoFeedLinked:
                throw new MonitorInputException($"{url} is a web page that links no feed (no <link rel=\"alternate\"> to RSS, Atom or JSON Feed)");
            case SubscribeOutcome.SeveralFeeds:
                stdout.WriteLine($"{url} is a web page that links {found.Count} feeds:");
                foreach (var f in found) stdout.WriteLine($"  {FeedsCommand.Describe(f.Url, f.Title)}");
                throw new MonitorInputException($"{url} links {found.Count} feeds: run 'monitor feeds add' with one of them, or add --all to subscribe them all");
        }
        if (found.Count == 1) stdout.WriteLine($"{url} is a web page; it links one feed: {found[0].Url}");
        if (result.Outcome == SubscribeOutcome.NotReadable)
            throw new MonitorInputException($"cannot subscribe {result.Unreadable} (linked from the page): {result.Reason}");
        if (found.Count > 1) stdout.WriteLine($"{url} is a web page that links {found.Count} feeds; subscribing them all.");
        foreach (var f in result.Feeds)
            stdout.WriteLine(f.SkippedBecause is { } reason ? $"Skipped {f.Feed.Url}: {reason}"
                : f.Added ? $"Subscribed: {FeedsCommand.Describe(f.Feed.Url, f.Feed.Title)}{note}"
                : $"Already subscribed: {f.Feed.Url}");
        if (result.Outcome == SubscribeOutcome.NoneReadable)
            throw new MonitorInputException($"none of the {found.Count} feeds {url} links could be read");
    }
}
