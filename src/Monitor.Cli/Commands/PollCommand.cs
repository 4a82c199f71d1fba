using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Feeds;
using static Monitor.Core.Digest.DigestWording;
using Monitor.Core.Polling;

namespace Monitor.Cli.Commands;

internal static class PollCommand
{
    public static Command Create(Func<IServiceProvider> services, TextWriter stdout)
    {
        var feeds = new Option<string?>("--feeds") { Description = "A feed list to poll instead of the subscribed feeds (see 'monitor feeds'): one URL a line ('#' comments), or OPML." };
        var command = new Command("poll", "Run one polling pass: fetch the feeds, link new items to the article's claims, store them.") { feeds };
        command.SetAction(async (parse, ct) =>
        {
            var sp = services();
            var list = await sp.GetRequiredService<ConfiguredFeeds>().LoadAsync(parse.GetValue(feeds), ct).ConfigureAwait(false);
            var report = await sp.GetRequiredService<PollRunner>().RunAsync(list, ct).ConfigureAwait(false);
            Print(report, stdout);
            return 0;
        });
        return command;
    }

    internal static void Print(PollReport r, TextWriter o)
    {
        var deferred = r.FeedsDeferred > 0 ? $", {r.FeedsDeferred} not due yet" : "";
        var unchanged = r.Feeds.Count(f => f.Status == FeedOutcomeStatus.NotModified);
        var ok = unchanged > 0 ? $"{r.FeedsOk} ok ({unchanged} unchanged)" : $"{r.FeedsOk} ok";
        o.WriteLine($"Polled {Plural(r.Feeds.Count, "feed", "feeds")} in {r.Elapsed.TotalSeconds:0.0} s: {ok}, {r.FeedsFailed} failed{deferred}.");
        // A 304 reads no item: say so rather than "0 new, 0 seen before".
        if (r.ItemsNew + r.ItemsSeen == 0 && unchanged > 0 && unchanged == r.FeedsOk)
            o.WriteLine(unchanged == 1 ? "Items: none read: the feed was unchanged." : "Items: none read: every feed that answered was unchanged.");
        else
            o.WriteLine($"Items: {r.ItemsNew} new, {r.ItemsSeen} seen before; {Plural(r.ItemsLinked, "new item", "new items")} linked ({Plural(r.Links, "topic or claim link", "topic and claim links")}).");
        var failed = r.Feeds.Where(f => f.IsFailure).ToList();
        if (failed.Count == 0) return;
        o.WriteLine("Failed feeds:");
        foreach (var f in failed) o.WriteLine($"  {f.Url}: {f.Reason}");
    }
}
