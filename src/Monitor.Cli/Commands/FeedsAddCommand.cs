using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core;
using Monitor.Core.Feeds;
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
            var adder = new Adder(sp.GetRequiredService<SubscriptionStore>(), sp.GetRequiredService<FeedProbe>(), stdout, ct);
            if (parse.GetValue(noCheck))
                await adder.SubscribeAsync(new FeedSource(target, givenTitle), "(not checked)").ConfigureAwait(false);
            else
                await adder.AddAsync(target, givenTitle, parse.GetValue(all)).ConfigureAwait(false);
            FeedsCommand.WarnIfOverridden(sp, stderr);
            return 0;
        });
        return command;
    }

    private sealed class Adder(SubscriptionStore store, FeedProbe probe, TextWriter stdout, CancellationToken ct)
    {
        private const string NoCheckHint = "add --no-check to subscribe it without checking";

        public async Task AddAsync(string url, string? title, bool all)
        {
            // Already subscribed: nothing to fetch.
            if (await store.GetAsync(url, ct).ConfigureAwait(false) is { } existing)
            {
                stdout.WriteLine($"Already subscribed: {FeedsCommand.Describe(existing.Url, existing.Title)}");
                return;
            }
            var result = await probe.ProbeAsync(url, ct).ConfigureAwait(false);
            switch (result.Kind)
            {
                case ProbeKind.Feed:
                    await SubscribeAsync(new FeedSource(url, title ?? result.Title)).ConfigureAwait(false);
                    return;
                case ProbeKind.Failed:
                    throw new MonitorInputException($"cannot subscribe {url}: {result.Reason}; {NoCheckHint}");
            }

            var found = result.Candidates;
            if (found.Count == 0)
                throw new MonitorInputException($"{url} is a web page that links no feed (no <link rel=\"alternate\"> to RSS, Atom or JSON Feed)");
            if (found.Count == 1)
            {
                stdout.WriteLine($"{url} is a web page; it links one feed: {found[0].Url}");
                await CheckAndSubscribeAsync(found[0], title, failIfUnreadable: true).ConfigureAwait(false);
                return;
            }
            if (!all)
            {
                stdout.WriteLine($"{url} is a web page that links {found.Count} feeds:");
                foreach (var f in found) stdout.WriteLine($"  {FeedsCommand.Describe(f.Url, f.Title)}");
                throw new MonitorInputException($"{url} links {found.Count} feeds: run 'monitor feeds add' with one of them, or add --all to subscribe them all");
            }
            stdout.WriteLine($"{url} is a web page that links {found.Count} feeds; subscribing them all.");
            var readable = 0;
            foreach (var f in found)
                if (await CheckAndSubscribeAsync(f, null, failIfUnreadable: false).ConfigureAwait(false)) readable++;
            if (readable == 0)
                throw new MonitorInputException($"none of the {found.Count} feeds {url} links could be read");
        }

        /// <summary>A feed found on a page is fetched too: a link can point at something the poller cannot read.</summary>
        private async Task<bool> CheckAndSubscribeAsync(FeedSource feed, string? title, bool failIfUnreadable)
        {
            var result = await probe.ProbeAsync(feed.Url, ct).ConfigureAwait(false);
            if (result.Kind != ProbeKind.Feed)
            {
                var reason = result.Reason ?? "a web page, not a feed";
                if (failIfUnreadable) throw new MonitorInputException($"cannot subscribe {feed.Url} (linked from the page): {reason}");
                stdout.WriteLine($"Skipped {feed.Url}: {reason}");
                return false;
            }
            await SubscribeAsync(new FeedSource(feed.Url, title ?? result.Title ?? feed.Title)).ConfigureAwait(false);
            return true;
        }

        public async Task SubscribeAsync(FeedSource feed, string note = "")
        {
            var added = await store.AddAsync(feed, ct).ConfigureAwait(false);
            var what = FeedsCommand.Describe(feed.Url, feed.Title);
            stdout.WriteLine(added ? $"Subscribed: {what}{(note.Length > 0 ? " " + note : "")}" : $"Already subscribed: {feed.Url}");
        }
    }
}
