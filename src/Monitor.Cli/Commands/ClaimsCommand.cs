using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Query;

namespace Monitor.Cli.Commands;

internal static class ClaimsCommand
{
    public static Command Create(Func<IServiceProvider> services, TextWriter stdout)
    {
        var article = new Option<string?>("--article") { Description = "The followed article (default: the seed article)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("claims", "The article's claims, their topics and how many items are linked to each.") { article, json };
        command.SetAction(async (parse, ct) =>
        {
            var summary = await services().GetRequiredService<CoverageQuery>().SummariseAsync(parse.GetValue(article), ct).ConfigureAwait(false);
            var views = CoverageViews.ClaimViews(summary);
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(views, CoverageViews.Json));
                return 0;
            }
            stdout.WriteLine($"{"CLAIM",-6} {"ITEMS",6}  {"TOPICS",-40} TEXT");
            foreach (var c in views)
                stdout.WriteLine($"{c.Id,-6} {c.Items,6}  {string.Join(",", c.Topics),-40} {TopicsCommand.Shorten(c.Text, 100)}");
            return 0;
        });
        return command;
    }
}
