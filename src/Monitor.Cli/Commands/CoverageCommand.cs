using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Query;

namespace Monitor.Cli.Commands;

internal static class CoverageCommand
{
    public static Command Create(Func<IServiceProvider> services, TextWriter stdout)
    {
        var topic = new Option<string>("--topic") { Description = "The topic id (see 'monitor topics').", Required = true };
        var claim = new Option<string?>("--claim") { Description = "Only items linked to this claim of the topic (e.g. C04)." };
        var since = new Option<string?>("--since") { Description = "Only items published at or after this date (ISO 8601; UTC unless an offset is given)." };
        var limit = new Option<int>("--limit") { Description = "At most this many items.", DefaultValueFactory = _ => CoverageRequest.DefaultLimit };
        var article = new Option<string?>("--article") { Description = "The followed article (default: the seed article)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table." };
        var command = new Command("coverage", "Follow-up items linked to a topic, newest first, with the claims they bear on and why.")
            { topic, claim, since, limit, article, json };
        command.SetAction(async (parse, ct) =>
        {
            var request = new CoverageRequest(parse.GetValue(topic)!)
            {
                ClaimId = parse.GetValue(claim),
                Since = QueryParameters.Date(parse.GetValue(since), "--since"),
                Limit = parse.GetValue(limit),
                ArticleId = parse.GetValue(article),
            };
            var entries = await services().GetRequiredService<CoverageQuery>().GetAsync(request, ct).ConfigureAwait(false);
            if (parse.GetValue(json))
                stdout.WriteLine(JsonSerializer.Serialize(entries.Select(CoverageViews.ToView), CoverageViews.Json));
            else
                PrintTable(request, entries, stdout);
            return 0;
        });
        return command;
    }


    private static string Signals(Monitor.Core.Linking.LinkSignals? signals) => signals is null ? "" : $" [{signals}]";

    private static void PrintTable(CoverageRequest request, IReadOnlyList<CoverageEntry> entries, TextWriter o)
    {
        var what = request.ClaimId is null ? request.TopicId : $"{request.TopicId} / {request.ClaimId}";
        var since = request.Since is { } s ? $" since {s:yyyy-MM-dd HH:mm}Z" : "";
        o.WriteLine($"Coverage of {what}{since}: {entries.Count} item{(entries.Count == 1 ? "" : "s")}, newest first.");
        foreach (var e in entries)
        {
            o.WriteLine();
            o.WriteLine($"{e.Published.UtcDateTime:yyyy-MM-dd HH:mm}  {e.Score:0.00}  {string.Join(", ", e.Sources)}");
            o.WriteLine($"  {e.Title}");
            if (e.Url.Length > 0) o.WriteLine($"  {e.Url}");
            o.WriteLine($"  why: {string.Join(", ", e.Terms)}{Signals(e.Signals)}");
            if (e.Sentence.Length > 0) o.WriteLine($"  \"{e.Sentence}\"");
            foreach (var c in e.Claims)
                o.WriteLine($"  claim {c.Id} ({c.Score:0.00}): {string.Join(", ", c.Terms)}{Signals(c.Signals)}");
            foreach (var r in e.AlsoReported)
                o.WriteLine($"  also: {r.Source}, {r.Published.UtcDateTime:yyyy-MM-dd HH:mm}: {r.Url}");
        }
    }
}
