using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Query;

namespace Monitor.Cli.Commands;

internal static class TopicsCommand
{
    public static Command Create(Func<IServiceProvider> services, TextWriter stdout)
    {
        var article = new Option<string?>("--article") { Description = "The followed article (default: the seed article)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("topics", "The article's topics and claims with how many items are linked to each.") { article, json };
        command.SetAction(async (parse, ct) =>
        {
            var summary = await services().GetRequiredService<CoverageQuery>().SummariseAsync(parse.GetValue(article), ct).ConfigureAwait(false);
            var views = CoverageViews.ToViews(summary);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(views, CoverageViews.Json));
                return 0;
            }
            stdout.WriteLine($"{summary.Article.Title} ({summary.Article.Published:yyyy-MM-dd})");
            stdout.WriteLine($"{"TOPIC",-22} {"ITEMS",6}  NAME");
            foreach (var t in views)
            {
                stdout.WriteLine($"{t.Id,-22} {t.Items,6}  {t.Name}");
                foreach (var c in t.Claims) stdout.WriteLine($"  {c.Id,-20} {c.Items,6}  {Shorten(c.Text, 90)}");
            }
            return 0;
        });
        return command;
    }

    internal static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
