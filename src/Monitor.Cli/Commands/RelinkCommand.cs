using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Linking;
using Monitor.Core.Query;
using static Monitor.Core.Digest.DigestWording;

namespace Monitor.Cli.Commands;

internal static class RelinkCommand
{
    public static Command Create(Func<IServiceProvider> services, TextWriter stdout)
    {
        var article = new Option<string?>("--article") { Description = "Only this followed article (default: every article)." };
        var since = new Option<string?>("--since") { Description = "Only items published at or after this date (ISO 8601)." };
        var command = new Command("relink", "Re-score stored items against the current claims files and thresholds, without fetching, and replace their links.")
            { article, since };
        command.SetAction(async (parse, ct) =>
        {
            var reports = await services().GetRequiredService<Relinker>()
                .RelinkAsync(parse.GetValue(article), QueryParameters.Date(parse.GetValue(since), "--since"), ct).ConfigureAwait(false);
            foreach (var r in reports) stdout.WriteLine(Describe(r));
            return 0;
        });
        return command;
    }

    internal static string Describe(RelinkReport r) =>
        $"{r.ArticleId}: {Plural(r.ItemsRead, "stored item", "stored items")} re-scored, {r.ItemsLinked} linked; {Plural(r.RowsWritten, "coverage row", "coverage rows")} written, {r.RowsRemoved} removed.";
}
