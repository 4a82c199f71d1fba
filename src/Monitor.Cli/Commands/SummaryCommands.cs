using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Query;

namespace Monitor.Cli.Commands;

/// <summary>`topics` and `claims`: the article's topics or claims with how many items are linked to each.</summary>
internal static class SummaryCommands
{
    public static Command Topics(Func<IServiceProvider> services, TextWriter stdout) => Create(
        "topics", "The article's topics and claims with how many items are linked to each.", services, stdout,
        summary => CoverageViews.ToViews(summary),
        (summary, views) =>
        {
            stdout.WriteLine($"{summary.Article.Title} ({summary.Article.Published:yyyy-MM-dd})");
            stdout.WriteLine($"{"TOPIC",-22} {"ITEMS",6}  NAME");
            foreach (var t in views)
            {
                stdout.WriteLine($"{t.Id,-22} {t.Items,6}  {t.Name}");
                foreach (var c in t.Claims) stdout.WriteLine($"  {c.Id,-20} {c.Items,6}  {Shorten(c.Text, 90)}");
            }
        });

    public static Command Claims(Func<IServiceProvider> services, TextWriter stdout) => Create(
        "claims", "The article's claims, their topics and how many items are linked to each.", services, stdout,
        summary => CoverageViews.ClaimViews(summary),
        (_, views) =>
        {
            stdout.WriteLine($"{"CLAIM",-6} {"ITEMS",6}  {"FIRST",-10}  {"LATEST",-10}  {"TOPICS",-40} TEXT");
            foreach (var c in views)
                stdout.WriteLine($"{c.Id,-6} {c.Items,6}  {Day(c.First),-10}  {Day(c.Latest),-10}  {string.Join(",", c.Topics),-40} {Shorten(c.Text, 100)}");
        });

    private static Command Create<TView>(string name, string description, Func<IServiceProvider> services, TextWriter stdout,
        Func<TopicSummary, IReadOnlyList<TView>> toViews, Action<TopicSummary, IReadOnlyList<TView>> printTable)
    {
        var article = new Option<string?>("--article") { Description = "The followed article (default: the seed article)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command(name, description) { article, json };
        command.SetAction(async (parse, ct) =>
        {
            var summary = await services().GetRequiredService<CoverageQuery>().SummariseAsync(parse.GetValue(article), ct).ConfigureAwait(false);
            var views = toViews(summary);
            if (parse.GetValue(json)) stdout.WriteLine(JsonSerializer.Serialize(views, CoverageViews.Json));
            else printTable(summary, views);
            return 0;
        });
        return command;
    }

    private static string Day(string? iso) => iso is null ? "-" : iso[..10];

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
